package io.github.mikrotiktailscale.smoke;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain SVG line chart of memory over time, one line per node: no library, a few elements a
 * browser and GitHub render. Axes start at zero so that growth is not exaggerated.
 */
final class MemoryChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 320;
    private static final int LEFT = 56;
    private static final int BOTTOM = 36;
    private static final int TOP = 28;
    private static final int RIGHT = 120;
    private static final List<String> COLOURS = List.of("#1f77b4", "#d62728", "#2ca02c", "#9467bd");

    private MemoryChart() {}

    /** @param series node name to its samples, in time order */
    static String svg(String title, Map<String, List<MemoryTrend.Sample>> series) {
        double maxSeconds = series.values().stream().flatMap(List::stream).mapToDouble(MemoryTrend.Sample::seconds)
                .max().orElse(1);
        double maxMb = niceCeiling(series.values().stream().flatMap(List::stream)
                .mapToDouble(MemoryTrend.Sample::megabytes).max().orElse(1));
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        var svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-weight=\"bold\">%s</text>%n", LEFT,
                escape(title)));
        for (int i = 0; i <= 4; i++) {
            double mb = maxMb * i / 4;
            double y = TOP + plotHeight - plotHeight * i / 4;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f MB</text>%n", LEFT, y, LEFT + plotWidth, y,
                    LEFT - 6, y + 4, mb));
        }
        double minutes = maxSeconds / 60;
        int step = minutes > 20 ? 5 : minutes > 6 ? 2 : 1;
        for (int m = 0; m <= minutes; m += step) {
            double x = LEFT + plotWidth * m * 60 / maxSeconds;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d min</text>%n", x,
                    HEIGHT - BOTTOM + 18, m));
        }
        int index = 0;
        for (var entry : series.entrySet()) {
            var colour = COLOURS.get(index % COLOURS.size());
            var points = new StringBuilder();
            for (var sample : entry.getValue()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + plotWidth * sample.seconds() / maxSeconds,
                        TOP + plotHeight - plotHeight * sample.megabytes() / maxMb));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\""
                    + " points=\"%s\"/>%n", colour, points.toString().strip()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\">%s</text>%n",
                    LEFT + plotWidth + 8, TOP + 14 + 18 * index, colour, escape(entry.getKey())));
            index++;
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>"
                + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>%n", LEFT, TOP, LEFT,
                TOP + plotHeight, LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight));
        return svg.append("</svg>\n").toString();
    }

    /** At least {@code value}, and a quarter of it a round number (grid lines): 1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6 or 8 times a power of ten. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10}) {
            if (factor * power >= value) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
