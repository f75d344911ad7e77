package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeReportWriterTest {

    private static SmokeReport report(boolean magicDnsWorks) {
        var platform = new SmokeReport.Section("linux/arm64", "img:dev-arm64", 4.2, List.of(
                Check.pass("tailscale version", "1.98.3")));
        var magicDns = magicDnsWorks ? Check.pass("magicdns", "node-a.smoke.test via 100.100.100.100: NOERROR 100.64.0.1")
                : Check.fail("magicdns", "node-a.smoke.test via 100.100.100.100: i/o timeout",
                        "no answer from 100.100.100.100 -> netstack is omitted: with a kernel TUN, netstack ... | more");
        var tailnet = new SmokeReport.Section("tailnet (linux/amd64)", "img:dev-amd64", 171.5, List.of(
                Check.pass("unattended join node-a", "Running 1.7 s after the start"), magicDns));
        return new SmokeReport("v1.98.3-mt.1", "1.98.3", 180.26, List.of(platform, tailnet),
                List.of(new Figure("subnetRttMs.median", 0.834, "ms", "ping through the subnet router"),
                        new Figure("flash.bytesPerMinute", 0, "bytes/min", "written to node-a's volume")),
                List.of("Besides tailscaled.state, node-a's volume holds: derpmap.cached.json (253 bytes)."));
    }

    @Test
    void jsonCarriesEveryCheckFigureAndNote() throws Exception {
        var json = SmokeReportWriter.json(report(false));

        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("expectedTailscaleVersion").asText()).isEqualTo("1.98.3");
        assertThat(json.path("seconds").asDouble()).isEqualTo(180.26);
        assertThat(json.path("sections")).hasSize(2);
        var failed = json.path("sections").get(1).path("checks").get(1);
        assertThat(failed.path("name").asText()).isEqualTo("magicdns");
        assertThat(failed.path("cause").asText()).startsWith("no answer from 100.100.100.100 -> netstack");
        assertThat(json.path("sections").get(0).path("checks").get(0).has("cause")).isFalse();
        assertThat(json.path("figures").path("subnetRttMs.median").path("value").asDouble()).isEqualTo(0.83);
        assertThat(json.path("figures").path("subnetRttMs.median").path("unit").asText()).isEqualTo("ms");
        assertThat(json.path("notes").get(0).asText()).contains("derpmap.cached.json");
    }

    @Test
    void markdownShowsTablesAndTheCauseOfAFailure(@TempDir Path dir) throws Exception {
        SmokeReportWriter.write(report(false), dir);
        var markdown = java.nio.file.Files.readString(dir.resolve(SmokeReportWriter.MARKDOWN_FILE));

        assertThat(markdown).startsWith("# Smoke test of v1.98.3-mt.1\n\n**Failed** in 180 s; Tailscale 1.98.3 expected.\n")
                .contains("## tailnet (linux/amd64)", "| magicdns | **failed** | node-a.smoke.test via 100.100.100.100:"
                        + " i/o timeout — likely cause: no answer from 100.100.100.100 -> netstack is omitted: with a"
                        + " kernel TUN, netstack ... \\| more |")
                .contains("| subnetRttMs.median | 0.83 ms | ping through the subnet router |",
                        "| flash.bytesPerMinute | 0 bytes/min |", "## Notes");
        var json = new ObjectMapper().readTree(dir.resolve(SmokeReportWriter.JSON_FILE).toFile());
        assertThat(json.path("imageVersion").asText()).isEqualTo("v1.98.3-mt.1");
    }

    @Test
    void aReportPassesOnlyWithSectionsThatAllPass() {
        assertThat(report(true).passed()).isTrue();
        assertThat(report(false).passed()).isFalse();
        assertThat(report(false).failures()).extracting(Check::name).containsExactly("magicdns");
        assertThat(new SmokeReport("dev", "", 1, List.of(), List.of(), List.of()).passed()).isFalse();
    }

    @Test
    void figuresKeepTheDigitsThatMatter() {
        assertThat(new Figure("a", 0.834, "ms", "").formatted()).isEqualTo("0.83 ms");
        assertThat(new Figure("a", 49.23, "lines/min", "").formatted()).isEqualTo("49.2 lines/min");
        assertThat(new Figure("a", 231.7, "s", "").formatted()).isEqualTo("232 s");
        assertThat(new Figure("a", 2, "files", "").formatted()).isEqualTo("2 files");
    }

    @Test
    void aCheckLineNamesTheCauseOnlyOnFailure() {
        assertThat(Check.pass("forwarding", "1,1").line()).isEqualTo("ok   forwarding: 1,1");
        assertThat(Check.fail("tailscale status", "access denied", "x -> unixsocketidentity").line())
                .isEqualTo("FAIL tailscale status: access denied -> x -> unixsocketidentity");
    }
}
