package io.github.mikrotiktailscale.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/** Writes {@code size-report.json} (for tools and as a later baseline) and {@code size-report.md} (for people). */
public final class ReportWriter {

    public static final String JSON_FILE = "size-report.json";
    public static final String MARKDOWN_FILE = "size-report.md";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {}

    public static void write(SizeReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(JSON_FILE), JSON.writeValueAsString(json(report)) + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(MARKDOWN_FILE), markdown(report), StandardCharsets.UTF_8);
    }

    static com.fasterxml.jackson.databind.node.ObjectNode json(SizeReport report) {
        var root = JSON.createObjectNode();
        root.put("imageVersion", report.imageVersion());
        root.put("passed", report.passed());
        root.put("budgetMeasures", "storedBytes: the regular-file bytes of every layer added up, what the router keeps");
        if (report.baseline() != null) {
            root.put("baseline", report.baseline().source());
        }
        var images = root.putArray("images");
        for (var image : report.images()) {
            var node = images.addObject();
            node.put("name", image.name());
            node.put("platform", image.platform());
            node.put("passed", !report.offending(image));
            node.set("metrics", JSON.valueToTree(SizeReport.metrics(image)));
            report.budget(image).ifPresent(budget -> {
                var b = node.putObject("budget");
                b.put("limitBytes", budget.limitBytes());
                b.put("origin", budget.origin());
                b.put("usedBytes", image.storedBytes());
                b.put("within", !report.overBudget(image));
            });
            node.put("storedOverExtracted", image.storedOverExtracted());
            node.setAll((com.fasterxml.jackson.databind.node.ObjectNode) JSON.valueToTree(image));
        }
        var problems = root.putArray("problems");
        report.problems().forEach(problems::add);
        return root;
    }

    static String markdown(SizeReport report) {
        var lines = new ArrayList<String>();
        lines.add("# Image sizes" + (report.imageVersion().isEmpty() ? "" : " of " + report.imageVersion()));
        lines.add("");
        lines.add("Extracted: the flattened filesystem (regular-file bytes, hard links once). Stored: every layer's"
                + " files added up, what the router keeps; the budget applies to it. Flash estimate: stored, each file"
                + " rounded up to 4 KiB blocks. Transfer: compressed layers, config and manifest.");
        lines.add("");
        lines.addAll(SizeTable.markdown(report));
        lines.add("");
        var problems = report.problems();
        if (!problems.isEmpty()) {
            lines.add("## Problems");
            lines.add("");
            problems.forEach(p -> lines.add("- " + p));
            lines.add("");
        }
        for (var image : report.images()) {
            lines.add("## " + image.platform());
            lines.add("");
            lines.add("```");
            lines.addAll(SizeFindings.lines(image));
            image.checks().forEach(c -> lines.add("  " + c.describe()));
            lines.add("```");
            lines.add("");
            lines.add("| layer | digest | stored as | blob | transfer | files | file bytes | flash estimate |");
            lines.add("|---:|---|---|---:|---:|---:|---:|---:|");
            for (var layer : image.layers()) {
                lines.add("| " + layer.index() + " | `" + shortDigest(layer.digest()) + "` | "
                        + layer.compression().displayName() + " | " + ByteSize.format(layer.blobBytes()) + " | "
                        + ByteSize.format(layer.transferBytes()) + (layer.transferEstimated() ? " (gzip, computed)" : "")
                        + " | " + layer.files() + " | " + ByteSize.format(layer.fileBytes()) + " | "
                        + ByteSize.format(layer.flashBytes()) + " |");
            }
            lines.add("");
        }
        return String.join("\n", lines) + "\n";
    }

    private static String shortDigest(String digest) {
        return digest.length() > 19 ? digest.substring(0, 19) : digest;
    }
}
