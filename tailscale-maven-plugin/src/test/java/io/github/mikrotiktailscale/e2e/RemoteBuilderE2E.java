package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mikrotiktailscale.archive.ImageArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The build and verify-size goals through {@code tailscale.builder} on a builder of two real
 * buildkitd nodes (remote driver; {@code .ci/lib/buildkit.sh} builds and starts them): node1
 * declares linux/amd64, node2 linux/arm64 and linux/arm/v7 (run under QEMU on this host). The
 * nodes pull the fixtures' base images from the loopback registry they use as docker.io mirror.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteBuilderE2E {

    private static final Path SCRIPT = Toolchain.PROJECT_ROOT.resolve(".ci/lib/buildkit.sh");
    private static final String BUILDER = "tailscale-remote";
    private static final Map<String, String[]> PLATFORMS = Map.of(
            "amd64", new String[] {"amd64", "x86_64", "node1"},
            "arm64", new String[] {"arm64", "aarch64", "node2"},
            "armv7", new String[] {"arm", "armv7l", "node2"});

    @BeforeAll
    static void nodes() {
        Toolchain.requireBaseImages();
        if (!Files.isDirectory(Path.of("/var/cache/tailscale-ci/buildkit")) && !Toolchain.required()
                && Toolchain.run(List.of("sh", "-c", "command -v go"), 10).code() != 0) {
            Assumptions.abort("no BuildKit nodes and no Go to build them (.ci/lib/buildkit.sh start); skipped");
        }
        // The first start compiles BuildKit (~2 min, under the machine-wide build lock).
        script(1800, "start");
        script(300, "push-bases", "e2e");
    }

    @AfterAll
    static void bothNodesRunAgain() {
        script(300, "start");
    }

    private static String script(int timeoutSeconds, String... args) {
        var command = new java.util.ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        var result = Toolchain.run(command, timeoutSeconds);
        if (result.code() != 0) {
            fail(String.join(" ", command) + " failed:\n" + result.output());
        }
        return result.output();
    }

    @Test
    @Order(1)
    void eachNodeBuildsItsOwnPlatformsAndImagesJsonSaysWhich() throws Exception {
        var project = FixtureProject.copy("build");

        var run = project.maven("package", "tailscale.builder=" + BUILDER);

        assertThat(run.succeeded()).as("%s", run).isTrue();
        assertThat(run.log()).contains("remote driver", "Building on 2 nodes at once: amd64, arm64+armv7.")
                .contains("[arm64] building linux/arm64 on node 'node2' at unix:///run/tailscale-buildkit/node2.sock")
;
        var index = new ObjectMapper().readTree(project.file("target/images/images.json").toFile());
        assertThat(index.path("images")).hasSize(3);
        for (var image : index.path("images")) {
            var name = image.path("name").asText();
            var expected = PLATFORMS.get(name);
            // from buildx's metadata: the node that really built it
            assertThat(image.path("node").asText()).as(name).isEqualTo(BUILDER + "/" + expected[2]);
            assertThat(image.path("localTag").asText()).as("exported by the node, not loaded").isEmpty();
            assertThat(run.log()).contains("[" + name + "] built in").contains(" on " + BUILDER + "/" + expected[2] + ": ");
            var archive = project.file("target/images/" + name + ".tar");
            try (var read = ImageArchive.open(archive)) {
                assertThat(read.config().architecture()).isEqualTo(expected[0]);
            }
            assertThat(ArchiveFiles.read(archive)).containsEntry("etc/target-arch", expected[1] + "\n")
                    .containsEntry("usr/local/bin/hello.txt", "hello from the fixture\n");
        }
    }

    @Test
    @Order(2)
    void verifySizeChecksWhatTheNodesBuilt() throws Exception {
        var project = FixtureProject.copy("verify-size");

        var run = project.maven("verify", "tailscale.builder=" + BUILDER);

        assertThat(run.succeeded()).as("%s", run).isTrue();
        assertThat(run.log()).contains("linux/arm/v7", "4.00 MB ok");
        var report = new ObjectMapper().readTree(project.file("target/images/size-report.json").toFile());
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("images")).hasSize(3);
    }

    @Test
    @Order(3)
    void aStoppedNodeFailsBeforeAnythingIsBuiltAndLeavesNoArchive() throws Exception {
        var project = FixtureProject.copy("build");
        script(60, "stop-node", "2");
        try {
            var run = project.maven("package", "tailscale.builder=" + BUILDER);

            assertThat(run.succeeded()).as("%s", run).isFalse();
            assertThat(run.log()).contains("Node 'node2' of the builder '" + BUILDER
                    + "' at unix:///run/tailscale-buildkit/node2.sock, which builds linux/arm64, does not answer")
                    .contains("Start buildkitd on that node").contains("docker buildx create --leave --name " + BUILDER)
                    .doesNotContain("buildx build --progress").doesNotContain("] built in");
            var images = project.file("target/images");
            if (Files.exists(images)) {
                try (Stream<Path> files = Files.walk(images)) {
                    assertThat(files.map(Path::toString)).noneMatch(f -> f.endsWith(".tar") || f.endsWith(".partial"));
                }
            }
        } finally {
            script(300, "start");
        }
    }
}
