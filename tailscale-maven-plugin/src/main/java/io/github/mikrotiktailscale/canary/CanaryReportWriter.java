package io.github.mikrotiktailscale.canary;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** {@code report.json} (for tools, and read back by the canary's second step) and {@code report.md} (for people). */
public final class CanaryReportWriter {

    public static final String JSON_FILE = "report.json";
    public static final String MARKDOWN_FILE = "report.md";
    /** For .ci/canary.sh: the version, whether the real build is worth running, and the Go it needs. */
    public static final String NEXT_STEP_FILE = "next-step.env";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CanaryReportWriter() {}

    public static void write(CanaryReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        var json = JSON.valueToTree(report);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("passed", report.passed());
        Files.writeString(directory.resolve(JSON_FILE), JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(MARKDOWN_FILE), markdown(report), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(NEXT_STEP_FILE), "CANARY_VERSION=" + report.tailscaleVersion()
                + "\nCANARY_BUILD=" + (report.buildWorthRunning() && !report.buildRan()) + "\nCANARY_GO="
                + report.buildGo() + "\n", StandardCharsets.UTF_8);
    }

    public static CanaryReport read(Path directory) throws IOException {
        return JSON.readValue(directory.resolve(JSON_FILE).toFile(), CanaryReport.class);
    }

    static String markdown(CanaryReport r) {
        var md = new StringBuilder();
        md.append("# Upgrade canary: Tailscale ").append(r.tailscaleVersion()).append(" (pinned: ")
                .append(r.pinnedVersion()).append(")\n\n");
        md.append(r.passed() && !r.buildRan() ? "**The fast checks found no break; the real build decides.**"
                : r.passed() ? "**The bump would pass.**" : "**The bump would not pass: " + r.breaks().size()
                + (r.breaks().size() == 1 ? " break.**" : " breaks.**")).append("\n\n");
        md.append(String.format(Locale.ROOT, "Fast checks: %.1f s, before anything was compiled. ", r.fastCheckSeconds()));
        if (r.buildRan()) {
            md.append("The real build ran (generate, build, verify-size, smoke) with Go ").append(r.buildGo()).append(".\n");
        } else if (r.buildWorthRunning()) {
            md.append("The real build has not run yet (it would use Go ").append(r.buildGo()).append(").\n");
        } else {
            md.append("The real build did not run: a break below stops it before it would compile.\n");
        }
        if (!r.breaks().isEmpty()) {
            md.append("\n## Breaks\n\n| kind | what | found | fix |\n|---|---|---|---|\n");
            for (var b : r.breaks()) {
                md.append("| ").append(b.kind().title()).append(b.blocking() ? " (stops the build)" : "").append(" | ")
                        .append(cell(b.subject())).append(" | ").append(cell(b.detail())).append(" | ")
                        .append(cell(b.fix())).append(" |\n");
            }
        }
        if (!r.passedChecks().isEmpty()) {
            md.append("\n## Passed\n\n");
            r.passedChecks().forEach(c -> md.append("- ").append(c).append('\n'));
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
