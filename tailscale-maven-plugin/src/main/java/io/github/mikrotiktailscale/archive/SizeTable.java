package io.github.mikrotiktailscale.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The report's table: one row per platform, columns extracted, stored, flash estimate, transfer,
 * the components and the budget; with a baseline, every cell also shows its change. Offending rows
 * are marked with {@code !}.
 */
public final class SizeTable {

    private static final List<String> HEADINGS = List.of("extracted", "stored", "flash est.", "transfer",
            ComponentSize.label(ComponentSize.TAILSCALE), ComponentSize.label(ComponentSize.BUSYBOX),
            ComponentSize.label(ComponentSize.CA_BUNDLE), ComponentSize.label(ComponentSize.ENTRYPOINT),
            ComponentSize.label(ComponentSize.OTHER));

    private SizeTable() {}

    /** Aligned text lines for the build log. */
    public static List<String> text(SizeReport report) {
        var rows = rows(report);
        var widths = new int[rows.get(0).size()];
        widths[0] = 1; // the mark column, even when nothing is marked
        for (var row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        var lines = new ArrayList<String>();
        for (int r = 0; r < rows.size(); r++) {
            var row = rows.get(r);
            var line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                var cell = row.get(i);
                // first two columns (mark, platform) to the left, figures to the right
                line.append(i < 2 ? pad(cell, widths[i], false) : pad(cell, widths[i], true));
                line.append(i == 0 ? " " : "  ");
            }
            lines.add(line.toString().stripTrailing());
        }
        lines.addAll(legend(report));
        return lines;
    }

    /** A Markdown table. */
    public static List<String> markdown(SizeReport report) {
        var rows = rows(report);
        var lines = new ArrayList<String>();
        for (int r = 0; r < rows.size(); r++) {
            var row = new ArrayList<>(rows.get(r));
            row.set(1, (row.get(0).isBlank() ? "" : row.get(0).trim() + " ") + row.get(1));
            row.remove(0);
            lines.add("| " + String.join(" | ", row) + " |");
            if (r == 0) {
                lines.add("|" + "---|".repeat(1) + "---:|".repeat(row.size() - 1));
            }
        }
        lines.add("");
        lines.addAll(legend(report));
        return lines;
    }

    private static List<String> legend(SizeReport report) {
        var legend = new ArrayList<String>();
        if (report.images().stream().anyMatch(report::offending)) {
            legend.add("! marks a platform that fails: over its budget, a file stored twice, or a failed check.");
        }
        if (report.baseline() != null) {
            legend.add("Changes in parentheses are against " + report.baseline().source() + ".");
        }
        return legend;
    }

    private static List<List<String>> rows(SizeReport report) {
        var rows = new ArrayList<List<String>>();
        var heading = new ArrayList<String>();
        heading.add("");
        heading.add("platform");
        heading.addAll(HEADINGS);
        heading.add("budget (stored)");
        rows.add(heading);
        for (var image : report.images()) {
            var row = new ArrayList<String>();
            row.add(report.offending(image) ? "!" : "");
            row.add(image.platform());
            var metrics = SizeReport.metrics(image);
            for (var metric : SizeReport.METRICS) {
                var component = image.component(metric);
                if (component.isPresent() && !component.get().present()) {
                    row.add("-");
                    continue;
                }
                long value = metrics.getOrDefault(metric, 0L);
                var cell = ByteSize.format(value);
                if (report.baseline() != null) {
                    OptionalLong before = report.baseline().value(image.name(), metric);
                    cell += before.isPresent() ? " (" + ByteSize.formatChange(value - before.getAsLong()) + ")" : " (new)";
                }
                row.add(cell);
            }
            row.add(budgetCell(report, image));
            rows.add(row);
        }
        return rows;
    }

    private static String budgetCell(SizeReport report, ImageSize image) {
        var budget = report.budget(image);
        if (budget.isEmpty()) {
            return "none";
        }
        long limit = budget.get().limitBytes();
        return ByteSize.format(limit) + (report.overBudget(image)
                ? " OVER by " + ByteSize.format(image.storedBytes() - limit)
                : " ok, " + ByteSize.format(limit - image.storedBytes()) + " left");
    }

    private static String pad(String text, int width, boolean right) {
        var padding = " ".repeat(Math.max(0, width - text.length()));
        return right ? padding + text : text + padding;
    }
}
