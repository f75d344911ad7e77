package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * verify-size after real builds: the build fixture's images pass, a budget set too low fails with
 * the table, a chmod in the final stage is caught as a file stored twice while a symlink is not,
 * and the figures agree with an independent unpack (skopeo + umoci).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifySizeE2E {

    private static final String VERSION = "v9.9.9-mt.7";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FixtureProject project;

    @BeforeAll
    static void fixture() throws Exception {
        Toolchain.requireBaseImages();
        project = FixtureProject.copy("verify-size");
    }

    private static JsonNode report(FixtureProject p) throws IOException {
        return JSON.readTree(p.file("target/images/size-report.json").toFile());
    }

    private static JsonNode image(JsonNode report, String name) {
        for (var image : report.path("images")) {
            if (image.path("name").asText().equals(name)) {
                return image;
            }
        }
        throw new AssertionError("no " + name + " in " + report);
    }

    @Test
    @Order(1)
    void theBuildFixturesImagesPassWithinTheirBudgets() throws Exception {
        var run = project.maven("verify", "tailscale.imageVersion=" + VERSION);

        assertThat(run.succeeded()).as("%s", run).isTrue();
        assertThat(run.log()).contains("platform", "extracted", "stored", "flash est.", "transfer", "budget (stored)",
                "linux/arm/v7", "4.00 MB ok", "checks skipped: no expectations.json", "Reports: ");
        var report = report(project);
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("imageVersion").asText()).isEqualTo(VERSION);
        assertThat(report.path("images")).hasSize(3);
        for (var name : new String[] {"amd64", "arm64", "armv7"}) {
            var image = image(report, name);
            // the files as an independent reader of the layers sees them
            var files = ArchiveFiles.read(project.file("target/images/" + name + ".tar"));
            long bytes = files.values().stream().mapToLong(c -> c.getBytes(StandardCharsets.UTF_8).length).sum();
            assertThat(image.path("extracted").path("files").asLong()).as(name).isEqualTo(files.size()).isEqualTo(3);
            assertThat(image.path("extracted").path("bytes").asLong()).as(name).isEqualTo(bytes);
            assertThat(image.path("storedBytes").asLong()).as(name).isEqualTo(bytes);
            assertThat(image.path("flashEstimateBytes").asLong()).as(name).isEqualTo(3 * 4096);
            assertThat(image.path("duplicates")).isEmpty();
            // The classic image store saves layers uncompressed (their gzip size is then estimated);
            // the containerd image store (Docker 29's default) saves them gzipped, as exact figures.
            boolean uncompressedLayer = false;
            for (var layer : image.path("layers")) {
                uncompressedLayer |= layer.path("compression").asText().equals("none");
            }
            assertThat(image.path("transfer").path("estimated").asBoolean()).as(name).isEqualTo(uncompressedLayer);
            assertThat(image.path("budget").path("within").asBoolean()).isTrue();
        }
        assertThat(project.file("target/images/size-report.md")).content().contains("| linux/arm64 |");
    }

    @Test
    @Order(2)
    void aBudgetTooLowFailsWithTheTable() throws Exception {
        var run = project.maven("verify", "tailscale.imageVersion=" + VERSION, "tailscale.budget=20",
                "tailscale.budget.amd64=1MB");

        assertThat(run.succeeded()).as("%s", run).isFalse();
        assertThat(run.log()).contains("The images do not pass the size check:", "budget (stored)",
                "! linux/arm64", "! linux/arm/v7", "20 B OVER by", "1.00 MB ok",
                "linux/arm64: stores", "over its budget of 20 B (budget)",
                "What to do:", "- Over budget:", "-Dtailscale.budget.arm64=");
        assertThat(run.log()).doesNotContain("! linux/amd64");
        assertThat(report(project).path("passed").asBoolean()).isFalse();
    }

    @Test
    @Order(3)
    void umociAgreesOnTheFixtureImages() throws Exception {
        var report = report(project);
        for (var name : new String[] {"amd64", "arm64", "armv7"}) {
            var unpacked = UmociRootfs.unpack(project.file("target/images/" + name + ".tar"),
                    project.file("target/umoci-" + name));
            var extracted = image(report, name).path("extracted");
            assertThat(extracted.path("bytes").asLong()).as(name).isEqualTo(unpacked.bytes());
            assertThat(extracted.path("files").asLong()).as(name).isEqualTo(unpacked.files());
            assertThat(extracted.path("symlinks").asLong()).as(name).isEqualTo(unpacked.symlinks());
        }
    }

    @Test
    @Order(4)
    void aChmodInTheFinalStageStoresTheFileTwiceAndFails() throws Exception {
        var layers = FixtureProject.copy("verify-size-layers");

        var run = layers.maven("verify", "fixture.dockerfile=chmod.Dockerfile");

        assertThat(run.succeeded()).as("%s", run).isFalse();
        assertThat(run.log()).contains("The images do not pass the size check:", "! linux/amd64",
                "/usr/local/bin/big.bin is stored in layers", "300.0 kB wasted (300000 bytes",
                "mode 0755 -> 0700", "- Stored twice:");
        var image = image(report(layers), "amd64");
        assertThat(image.path("duplicates")).hasSize(1);
        assertThat(image.path("duplicates").get(0).path("wastedBytes").asLong()).isEqualTo(300_000);
        assertThat(image.path("storedOverExtracted").asLong()).isEqualTo(300_000);
    }

    @Test
    @Order(5)
    void aSymlinkAddedNextToTheBinaryStoresNothingTwice() throws Exception {
        var layers = FixtureProject.copy("verify-size-layers");

        var run = layers.maven("verify", "fixture.dockerfile=symlink.Dockerfile");

        assertThat(run.succeeded()).as("%s", run).isTrue();
        var image = image(report(layers), "amd64");
        assertThat(image.path("duplicates")).isEmpty();
        assertThat(image.path("storedOverExtracted").asLong()).isZero();
        // the RUN layer holds the directory entry and the link, no file bytes
        var last = image.path("layers").get(image.path("layers").size() - 1);
        assertThat(last.path("fileBytes").asLong()).isZero();
    }

    @Test
    @Order(6)
    void whiteoutsOpaqueDirectoriesAndHardLinksAgreeWithUmoci() throws Exception {
        var layers = FixtureProject.copy("verify-size-layers");

        var run = layers.maven("verify", "fixture.dockerfile=layers.Dockerfile");

        assertThat(run.succeeded()).as("%s", run).isTrue();
        var image = image(report(layers), "amd64");
        // deleted by the second RUN: one (100000), gone/three (5000), opaque/old (7000)
        assertThat(image.path("removedBytes").asLong()).isEqualTo(112_000);
        assertThat(image.path("extracted").path("hardLinks").asLong()).isEqualTo(1);
        assertThat(image.path("duplicates")).isEmpty();
        var unpacked = UmociRootfs.unpack(layers.file("target/images/amd64.tar"), layers.file("target/umoci"));
        assertThat(image.path("extracted").path("bytes").asLong()).isEqualTo(unpacked.bytes());
        assertThat(image.path("extracted").path("files").asLong()).isEqualTo(unpacked.files());
        assertThat(image.path("extracted").path("symlinks").asLong()).isEqualTo(unpacked.symlinks());
    }
}
