package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class MemoryChartTest {

    @Test
    void drawsOneLinePerNodeOnAxesFromZero() throws Exception {
        var series = new LinkedHashMap<String, List<MemoryTrend.Sample>>();
        series.put("node-a", List.of(new MemoryTrend.Sample(0, 20), new MemoryTrend.Sample(300, 80),
                new MemoryTrend.Sample(600, 40)));
        series.put("node-b", List.of(new MemoryTrend.Sample(0, 18), new MemoryTrend.Sample(600, 25)));

        var svg = MemoryChart.svg("soak <amd64>", series);

        // well-formed XML, the title escaped
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(document.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(svg).contains("soak &lt;amd64&gt;", "node-a", "node-b", "0 MB", "40 MB", "80 MB", "10 min");
        // the scale ends at node-a's 80 MB: its highest point is the plot's top (y = 28)
        var points = Pattern.compile("points=\"([^\"]+)\"").matcher(svg);
        assertThat(points.find()).isTrue();
        assertThat(points.group(1).split(" ")).containsExactly("56.0,220.0", "328.0,28.0", "600.0,156.0");
    }

    @Test
    void roundsTheScaleUpToARoundNumberNearby() {
        assertThat(MemoryChart.niceCeiling(186)).isEqualTo(200);
        assertThat(MemoryChart.niceCeiling(214)).isEqualTo(240);
        assertThat(MemoryChart.niceCeiling(35)).isEqualTo(40);
        assertThat(MemoryChart.niceCeiling(100)).isEqualTo(100);
        assertThat(MemoryChart.niceCeiling(101)).isEqualTo(120);
    }
}
