package io.github.mikrotiktailscale.canary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The breaks {@code size-report.json} and {@code smoke-report.json} record. */
final class ReportReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportReader() {}

    /** Each image over its budget, by how much. */
    static List<Break> budgets(Path sizeReport) throws IOException {
        var breaks = new ArrayList<Break>();
        if (!Files.isRegularFile(sizeReport)) {
            return breaks;
        }
        for (var image : JSON.readTree(sizeReport.toFile()).path("images")) {
            var budget = image.path("budget");
            if (budget.isMissingNode() || budget.path("within").asBoolean(true)) {
                continue;
            }
            long limit = budget.path("limitBytes").asLong();
            long used = budget.path("usedBytes").asLong();
            long over = used - limit;
            breaks.add(Break.of(BreakKind.BUDGET, image.path("name").asText(),
                    String.format(Locale.ROOT, "stores %,d bytes; budget %,d bytes (%s): over by %,d bytes (%.1f %%)",
                            used, limit, budget.path("origin").asText(), over, 100.0 * over / limit),
                    "find what grew (size-report.md), leave a feature out, or raise the budget on purpose"));
        }
        return breaks;
    }

    /** Each failed smoke check, with the likely cause the smoke test gives. */
    static List<Break> smoke(Path smokeReport) throws IOException {
        var breaks = new ArrayList<Break>();
        if (!Files.isRegularFile(smokeReport)) {
            return breaks;
        }
        JsonNode root = JSON.readTree(smokeReport.toFile());
        for (var section : root.path("sections")) {
            for (var check : section.path("checks")) {
                if (check.path("passed").asBoolean(true)) {
                    continue;
                }
                var cause = check.path("cause").asText("");
                breaks.add(Break.of(BreakKind.SMOKE, section.path("title").asText() + ": " + check.path("name").asText(),
                        check.path("detail").asText() + (cause.isEmpty() ? "" : "; likely cause: " + cause),
                        "see smoke-report.md and the smoke test's logs"));
            }
        }
        return breaks;
    }
}
