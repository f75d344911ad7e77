package io.github.mikrotiktailscale.feature;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The resolved features as people read them: a compact block for the log, Markdown for files. */
public final class FeatureTable {

    private FeatureTable() {}

    /** One line per kept feature, then one line naming everything left out. */
    public static List<String> summary(ResolvedFeatures resolved) {
        var lines = new ArrayList<String>();
        var kept = resolved.kept();
        int width = kept.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        lines.add("Tailscale features (catalogue " + resolved.catalog().minorLine() + "): " + kept.size() + " kept, "
                + (resolved.catalog().names().size() - kept.size()) + " left out");
        for (var status : kept) {
            var reason = status.reason().isEmpty() ? "" : ": " + status.reason();
            lines.add("  + " + pad(status.name(), width) + "  " + origin(status) + reason);
        }
        var omitted = resolved.statuses().stream().filter(s -> !s.kept()).map(FeatureStatus::name)
                .collect(Collectors.joining(" "));
        lines.add("  - left out: " + omitted);
        resolved.substitutes().forEach(line -> lines.add("  = " + line));
        return lines;
    }

    /** Every catalogue feature: in or out, chosen or pulled in (by what), description, reason. */
    public static String markdown(ResolvedFeatures resolved, String tailscaleVersion) {
        var md = new StringBuilder();
        md.append("# Tailscale features of this image\n\n");
        md.append("Tailscale ").append(tailscaleVersion).append(", feature catalogue ")
                .append(resolved.catalog().minorLine()).append(" (read from ").append(resolved.catalog().readFrom())
                .append("). ").append(resolved.kept().size()).append(" of ")
                .append(resolved.catalog().names().size()).append(" features are built in; every other one is")
                .append(" compiled out with its `ts_omit_*` tag.\n\n");
        md.append("| feature | in build | how | description | reason |\n");
        md.append("|---|---|---|---|---|\n");
        for (var status : resolved.statuses()) {
            md.append("| `").append(status.name()).append("` | ")
                    .append(status.kept() ? "yes" : "no").append(" | ")
                    .append(cell(origin(status))).append(" | ")
                    .append(cell(status.feature().description())).append(" | ")
                    .append(cell(status.reason())).append(" |\n");
        }
        if (!resolved.substitutes().isEmpty()) {
            md.append("\n## Made up for by the project's source changes\n\n");
            resolved.substitutes().forEach(s -> md.append("- ").append(s).append('\n'));
        }
        if (!resolved.warnings().isEmpty()) {
            md.append("\n## Warnings\n\n");
            resolved.warnings().forEach(w -> md.append("- ").append(w).append('\n'));
        }
        return md.toString();
    }

    /** How a feature came to be in or out, in a few words. */
    public static String origin(FeatureStatus status) {
        return switch (status.inclusion()) {
            case CHOSEN -> status.pulledInBy().isEmpty()
                    ? "chosen"
                    : "chosen, also needed by " + String.join(", ", status.pulledInBy());
            case PULLED_IN -> "pulled in by " + String.join(", ", status.pulledInBy());
            case OMITTED -> status.acceptedOmission().isPresent() ? "left out (accepted)" : "left out";
        };
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
