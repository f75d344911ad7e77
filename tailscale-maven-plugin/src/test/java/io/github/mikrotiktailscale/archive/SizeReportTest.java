package io.github.mikrotiktailscale.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SizeReportTest {

    @TempDir
    Path dir;

    private ImageSize clean;
    private ImageSize chmodded;

    @BeforeEach
    void analyse() throws IOException {
        var layer = new TestLayer()
                .file("usr/local/bin/tailscale.combined", TestLayer.bytes(3000, 1, true), 0755)
                .symlink("usr/local/bin/tailscale", "tailscale.combined")
                .file("etc/hello", 100, 2);
        clean = new SizeAnalysis().analyse("arm64", new TestArchive().platform("arm64", "").layer(layer, LayerCompression.GZIP)
                .writeDockerArchive(dir.resolve("arm64.tar")), null, "dev");
        chmodded = new SizeAnalysis().analyse("amd64", new TestArchive().platform("amd64", "")
                .layer(layer, LayerCompression.GZIP)
                .layer(new TestLayer().file("usr/local/bin/tailscale.combined", TestLayer.bytes(3000, 1, true), 0700),
                        LayerCompression.NONE)
                .writeDockerArchive(dir.resolve("amd64.tar")), null, "dev");
    }

    private static Map<String, SizeBudget> budgets(long arm64, long amd64) {
        return Map.of("arm64", new SizeBudget("arm64", arm64, "budgets/arm64"),
                "amd64", new SizeBudget("amd64", amd64, SizeBudget.DEFAULT_ORIGIN));
    }

    @Test
    void theDefaultBudgetsAreJustAboveThePublishedSizes() {
        assertThat(SizeBudget.defaultFor("arm64")).map(SizeBudget::limitBytes).contains(4_000_000L);
        assertThat(SizeBudget.defaultFor("armv7")).map(SizeBudget::limitBytes).contains(4_000_000L);
        assertThat(SizeBudget.defaultFor("amd64")).map(SizeBudget::limitBytes).contains(4_600_000L);
        assertThat(SizeBudget.defaultFor("riscv64")).isEmpty();
    }

    @Test
    void aCleanImageWithinBudgetPasses() {
        var report = new SizeReport("dev", List.of(clean), budgets(4_000_000, 4_600_000), null, true);

        assertThat(report.passed()).isTrue();
        assertThat(report.problems()).isEmpty();
        var table = SizeTable.text(report);
        assertThat(table.get(0)).contains("platform", "extracted", "stored", "flash est.", "transfer", "tailscale",
                "busybox", "CA bundle", "entrypoint", "other", "budget (stored)");
        assertThat(table.get(1)).startsWith("  linux/arm64").contains("3.1 kB", "4.00 MB ok, 4.00 MB left")
                // no busybox, CA bundle or entrypoint in this image
                .contains(" -  ");
    }

    @Test
    void aFileStoredTwiceMarksTheRowAndNamesPathAndBytes() {
        var report = new SizeReport("dev", List.of(clean, chmodded), budgets(4_000_000, 4_600_000), null, true);

        assertThat(report.passed()).isFalse();
        var table = SizeTable.text(report);
        assertThat(table.get(1)).startsWith("  linux/arm64");
        assertThat(table.get(2)).startsWith("! linux/amd64");
        assertThat(table).last().asString().contains("! marks a platform that fails");
        assertThat(report.problems()).singleElement().asString().contains("linux/amd64",
                "/usr/local/bin/tailscale.combined", "layers 1, 2", "3000 bytes", "mode 0755 -> 0700");

        var allowed = new SizeReport("dev", List.of(clean, chmodded), budgets(4_000_000, 4_600_000), null, false);
        assertThat(allowed.passed()).isTrue();
    }

    @Test
    void overBudgetSaysByHowMuch() {
        var report = new SizeReport("dev", List.of(clean), budgets(3_000, 4_600_000), null, true);

        assertThat(report.passed()).isFalse();
        assertThat(report.problems()).singleElement().asString()
                .isEqualTo("linux/arm64: stores 3.1 kB (3100 bytes), 100 B over its budget of 3.0 kB (budgets/arm64)");
        assertThat(SizeTable.text(report).get(1)).startsWith("! linux/arm64").contains("3.0 kB OVER by 100 B");
    }

    @Test
    void aBaselineShowsTheChangePerComponent() throws IOException {
        var before = new SizeReport("v1.0.0-mt.1", List.of(clean), budgets(4_000_000, 4_600_000), null, true);
        ReportWriter.write(before, dir.resolve("before"));
        var bigger = new SizeAnalysis().analyse("arm64", new TestArchive().platform("arm64", "").layer(new TestLayer()
                .file("usr/local/bin/tailscale.combined", TestLayer.bytes(3500, 1, true), 0755)
                .file("etc/hello", 100, 2), LayerCompression.GZIP).writeDockerArchive(dir.resolve("new.tar")), null, "dev");

        var baseline = SizeBaseline.read(dir.resolve("before/size-report.json"));
        var report = new SizeReport("v1.0.0-mt.2", List.of(bigger, chmodded), budgets(4_000_000, 4_600_000),
                baseline, false);

        assertThat(baseline.source()).isEqualTo("size-report.json (v1.0.0-mt.1)");
        var table = SizeTable.text(report);
        assertThat(table.get(1)).contains("3.6 kB (+500 B)", "100 B (+0 B)");
        assertThat(table.get(2)).contains("(new)");
        assertThat(table).last().asString().isEqualTo("Changes in parentheses are against size-report.json (v1.0.0-mt.1).");
    }

    @Test
    void writesJsonAndMarkdown() throws IOException {
        var report = new SizeReport("dev", List.of(clean, chmodded), budgets(4_000_000, 4_600_000), null, true);

        ReportWriter.write(report, dir);

        var json = new ObjectMapper().readTree(dir.resolve("size-report.json").toFile());
        assertThat(json.path("passed").asBoolean()).isFalse();
        var amd64 = json.path("images").get(1);
        assertThat(amd64.path("name").asText()).isEqualTo("amd64");
        assertThat(amd64.path("metrics").path("stored").asLong()).isEqualTo(6_100);
        assertThat(amd64.path("extracted").path("bytes").asLong()).isEqualTo(3_100);
        assertThat(amd64.path("storedOverExtracted").asLong()).isEqualTo(3_000);
        assertThat(amd64.path("duplicates").get(0).path("path").asText()).isEqualTo("usr/local/bin/tailscale.combined");
        assertThat(amd64.path("duplicates").get(0).path("wastedBytes").asLong()).isEqualTo(3_000);
        assertThat(amd64.path("layers").get(1).path("compression").asText()).isEqualTo("none");
        assertThat(amd64.path("transfer").path("estimated").asBoolean()).isTrue();
        assertThat(amd64.path("budget").path("within").asBoolean()).isTrue();
        assertThat(json.path("problems")).hasSize(1);

        var markdown = Files.readString(dir.resolve("size-report.md"));
        assertThat(markdown).contains("| platform | extracted |", "| ! linux/amd64 |", "## Problems",
                "is stored in layers 1, 2", "| layer | digest | stored as |", "(gzip, computed)");
    }

    @Test
    void expectationsSurviveTheirFile() throws IOException {
        var expectations = SizeAnalysisTest.expectations();
        var file = dir.resolve("ctx/expectations.json");

        expectations.write(file);

        assertThat(ImageExpectations.read(file)).isEqualTo(expectations);
        assertThat(Files.readString(file)).contains("\"tailscaleBinary\" : \"/usr/local/bin/tailscale.combined\"");
    }
}
