package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The smoke goal on the real image: the one {@code cd image-project && ../mvnw -Plocal-bases
 * package} builds. Skipped with a message when that image is not there (building it takes
 * minutes; CI decides whether to), or when the builder image with Go that compiles the harness
 * is missing. Everything it starts is removed again: checked at the end.
 */
class SmokeE2E {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REAL_IMAGES = Toolchain.PROJECT_ROOT.resolve("image-project/target/images");
    private static final Path REAL_FEATURES = Toolchain.PROJECT_ROOT.resolve(
            "image-project/target/tailscale-image/tailscale/features.txt");
    private static final String BUILDER = System.getProperty("e2e.smoke.builderImage", "local/tailscale-builder:trixie");

    private static JsonNode index;

    @BeforeAll
    static void realImage() throws Exception {
        Toolchain.requireDocker();
        var why = new ArrayList<String>();
        if (!Files.isRegularFile(REAL_IMAGES.resolve("images.json"))) {
            why.add("no " + REAL_IMAGES.resolve("images.json"));
        } else {
            index = JSON.readTree(REAL_IMAGES.resolve("images.json").toFile());
            for (var image : index.path("images")) {
                var tag = image.path("localTag").asText();
                if (Toolchain.run(List.of("docker", "image", "inspect", tag), 30).code() != 0) {
                    why.add("the engine has no " + tag);
                }
            }
        }
        if (Toolchain.run(List.of("docker", "image", "inspect", BUILDER), 30).code() != 0) {
            why.add("no builder image " + BUILDER + " (-De2e.smoke.builderImage=...)");
        }
        if (!why.isEmpty()) {
            var message = "nothing to smoke-test (" + String.join("; ", why) + "); smoke end-to-end test skipped, also"
                    + " with TAILSCALE_E2E=required. The real image and its builder come from: cd image-project &&"
                    + " ../mvnw -B package -Plocal-bases -Dtailscale.platforms=amd64";
            System.err.println("[e2e] SKIPPED: " + message);
            Assumptions.abort(message);
        }
    }

    @Test
    void theRealImagePassesTheSmokeTestAndLeavesNothingBehind() throws Exception {
        var project = FixtureProject.copy("smoke");
        var images = Files.createDirectories(project.file("target/images"));
        Files.copy(REAL_IMAGES.resolve("images.json"), images.resolve("images.json"));
        if (Files.isRegularFile(REAL_FEATURES)) {
            var features = Files.createDirectories(project.file("target/tailscale-image/tailscale"));
            Files.copy(REAL_FEATURES, features.resolve("features.txt"));
        }
        var pom = Files.readString(Toolchain.PROJECT_ROOT.resolve("image-project/pom.xml"));
        var version = pom.replaceAll("(?s).*<tailscale.version>([^<]+)</tailscale.version>.*", "$1");
        var properties = new Properties();
        properties.setProperty("e2e.tailscaleVersion", version);
        properties.setProperty("e2e.builderImage", BUILDER);
        properties.setProperty("tailscale.smoke.window", "30");

        var run = project.maven(List.of("verify"), properties);

        assertThat(run.succeeded()).as("%s", run).isTrue();
        assertThat(run.log()).contains("ok   unattended join node-a", "ok   exit node dns", "Smoke test passed");
        var report = JSON.readTree(images.resolve("smoke-report.json").toFile());
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("expectedTailscaleVersion").asText()).isEqualTo(version.substring(1));
        // one section per platform, and the tailnet
        assertThat(report.path("sections")).hasSize(index.path("images").size() + 1);
        var figures = report.path("figures");
        assertThat(figures.path("joinSeconds.node-a").path("value").asDouble()).isPositive();
        assertThat(figures.path("subnetRttMs.median").path("value").asDouble()).isPositive();
        assertThat(figures.path("flash.bytesPerMinute").path("unit").asText()).isEqualTo("bytes/min");
        assertThat(figures.has("logLinesPerMinute.node-b")).isTrue();
        assertThat(images.resolve("smoke-report.md")).content().contains("## tailnet (linux/amd64)", "| magicdns | ok |");

        var left = Toolchain.run(List.of("docker", "ps", "-aq", "--filter", "label=io.github.mikrotiktailscale.smoke"), 30);
        assertThat(left.output().strip()).as("containers left behind").isEmpty();
        var volumes = Toolchain.run(List.of("docker", "volume", "ls", "-q", "--filter",
                "label=io.github.mikrotiktailscale.smoke"), 30);
        assertThat(volumes.output().strip()).as("volumes left behind").isEmpty();
    }
}
