package io.github.mikrotiktailscale.smoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;

/** Writes {@code smoke-report.json} (for tools) and {@code smoke-report.md} (for people) next to the images. */
public final class SmokeReportWriter {

    public static final String JSON_FILE = "smoke-report.json";
    public static final String MARKDOWN_FILE = "smoke-report.md";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SmokeReportWriter() {}

    public static void write(SmokeReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(JSON_FILE), JSON.writeValueAsString(json(report)) + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(MARKDOWN_FILE), markdown(report), StandardCharsets.UTF_8);
    }

    static ObjectNode json(SmokeReport report) {
        var root = JSON.createObjectNode();
        root.put("imageVersion", report.imageVersion());
        root.put("expectedTailscaleVersion", report.expectedVersion());
        root.put("passed", report.passed());
        root.put("seconds", round(report.seconds()));
        var sections = root.putArray("sections");
        for (var section : report.sections()) {
            var node = sections.addObject();
            node.put("title", section.title());
            node.put("image", section.image());
            node.put("passed", section.passed());
            node.put("seconds", round(section.seconds()));
            var checks = node.putArray("checks");
            for (var check : section.checks()) {
                var c = checks.addObject();
                c.put("name", check.name());
                c.put("passed", check.passed());
                c.put("detail", check.detail());
                if (!check.passed()) {
                    c.put("cause", check.cause());
                }
            }
        }
        var figures = root.putObject("figures");
        for (var figure : report.figures()) {
            var f = figures.putObject(figure.name());
            f.put("value", round(figure.value()));
            f.put("unit", figure.unit());
            f.put("what", figure.what());
        }
        // The identity of what ran, per platform: publish refuses archives that are not these.
        var tested = root.putObject("tested");
        new java.util.TreeMap<>(report.tested()).forEach(tested::put);
        var bases = root.putObject("bases");
        new java.util.TreeMap<>(report.bases()).forEach(bases::put);
        var notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        return root;
    }

    static String markdown(SmokeReport report) {
        var lines = new ArrayList<String>();
        lines.add("# Smoke test" + (report.imageVersion().isEmpty() ? "" : " of " + report.imageVersion()));
        lines.add("");
        lines.add((report.passed() ? "Passed" : "**Failed**") + String.format(Locale.ROOT, " in %.0f s", report.seconds())
                + (report.expectedVersion().isEmpty() ? "." : "; Tailscale " + report.expectedVersion() + " expected."));
        for (var section : report.sections()) {
            lines.add("");
            lines.add("## " + section.title());
            lines.add("");
            lines.add("Image `" + section.image() + "`, " + String.format(Locale.ROOT, "%.0f s", section.seconds()) + ".");
            lines.add("");
            lines.add("| check | result | detail |");
            lines.add("|---|---|---|");
            for (var check : section.checks()) {
                lines.add("| " + cell(check.name()) + " | " + (check.passed() ? "ok" : "**failed**") + " | "
                        + cell(check.detail() + (check.passed() ? "" : " — likely cause: " + check.cause())) + " |");
            }
        }
        if (!report.figures().isEmpty()) {
            lines.add("");
            lines.add("## Figures");
            lines.add("");
            lines.add("| figure | value | what |");
            lines.add("|---|---:|---|");
            for (var figure : report.figures()) {
                lines.add("| " + cell(figure.name()) + " | " + cell(figure.formatted()) + " | " + cell(figure.what()) + " |");
            }
        }
        if (!report.notes().isEmpty()) {
            lines.add("");
            lines.add("## Notes");
            lines.add("");
            report.notes().forEach(note -> lines.add("- " + note));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : 0;
    }
}
