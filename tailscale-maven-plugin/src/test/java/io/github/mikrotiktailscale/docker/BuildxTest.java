package io.github.mikrotiktailscale.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BuildxTest {

    /** Answers each command with canned output; records what was run. */
    static final class FakeExec implements Exec {
        final List<List<String>> commands = new ArrayList<>();
        final Map<String, List<String>> output;
        final Map<String, Integer> exitCodes;
        boolean missing;

        FakeExec(Map<String, List<String>> output, Map<String, Integer> exitCodes) {
            this.output = output;
            this.exitCodes = exitCodes;
        }

        @Override
        public int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines)
                throws IOException {
            if (missing) {
                throw new IOException("Cannot run program \"" + command.get(0) + "\": error=2, No such file or directory");
            }
            commands.add(command);
            var key = String.join(" ", command.subList(1, Math.min(3, command.size())));
            output.getOrDefault(key, List.of()).forEach(lines);
            return exitCodes.getOrDefault(key, 0);
        }
    }

    @Test
    void buildsOnePlatformWithLoadOrDirectExport() {
        var args = new TreeMap<>(Map.of("OCI_VERSION", "v1.98.3-mt.1", "GOPROXY", "https://proxy.example"));
        var load = new BuildxRequest(Platform.ARMV7, Path.of("ctx"), null, args, "host", "", false, true, "tmp/x:armv7",
                Path.of("images/armv7.tar"), null);

        assertThat(load.commandLine("docker")).containsExactly("docker", "buildx", "build", "--progress=plain",
                "--platform", "linux/arm/v7", "--build-arg", "GOPROXY=https://proxy.example", "--build-arg",
                "OCI_VERSION=v1.98.3-mt.1", "--network", "host", "--pull", "--load", "--tag", "tmp/x:armv7", "ctx");

        var export = new BuildxRequest(Platform.ARM64, Path.of("ctx"), Path.of("my/Dockerfile"), new TreeMap<String, String>(), "", "cont", true, false, "", Path.of("images/arm64.tar"), Path.of("images/logs/arm64.metadata.json"));
        assertThat(export.commandLine("/usr/bin/docker")).containsExactly("/usr/bin/docker", "buildx", "build",
                "--progress=plain", "--platform", "linux/arm64", "--builder", "cont", "--file", "my/Dockerfile",
                "--no-cache", "--metadata-file", "images/logs/arm64.metadata.json", "--output",
                "type=docker,dest=images/arm64.tar", "ctx");
    }

    @Test
    void buildArgumentValuesAreSingleArgumentsNeverShellWords() {
        var args = new TreeMap<>(Map.of("X", "a b; rm -rf / $(y)"));
        var request = new BuildxRequest(Platform.AMD64, Path.of("c"), null, args, "", "", false, false, "t:1", null, null);

        assertThat(request.commandLine("docker")).contains("X=a b; rm -rf / $(y)");
    }

    @Test
    void readsTheBuilderAndItsPlatforms() {
        var info = BuilderInfo.parse(List.of("Name:          default", "Driver:        docker", "",
                "Nodes:", "Name:      default", "Endpoint:  default", "Status:    running",
                "Buildkit:  v0.8.3", "Platforms: linux/amd64, linux/386, linux/arm64, linux/arm/v7, linux/arm/v6"));

        assertThat(info.name()).isEqualTo("default");
        assertThat(info.driver()).isEqualTo("docker");
        assertThat(info.buildkit()).isEqualTo("v0.8.3");
        assertThat(info.exportsArchives()).isFalse();
        assertThat(info.canRun(Platform.ARMV7)).isTrue();
        // buildx lists QEMU's 32-bit ARM as v7 and v6; the same emulator runs v5.
        assertThat(info.canRun(Platform.ARMV5)).isTrue();
        assertThat(BuilderInfo.parse(List.of("Name: x", "Driver: docker", "Platforms: linux/amd64, linux/arm64"))
                .canRun(Platform.ARMV5)).isFalse();
        var container = BuilderInfo.parse(List.of("Name: c", "Driver: docker-container", "Platforms: linux/amd64*"));
        assertThat(container.exportsArchives()).isTrue();
        assertThat(container.canRun(Platform.ARM64)).isFalse();
        assertThat(container.canRun(Platform.AMD64)).isTrue();
    }

    /** What buildx 0.13.1 printed for this project's two-node builder with node2's buildkitd stopped. */
    static final List<String> TWO_NODES_ONE_DOWN = List.of("Name:          tailscale-remote", "Driver:        remote",
            "Last Activity: 2026-11-29 20:26:08 +0000 UTC", "", "Nodes:", "Name:             node1",
            "Endpoint:         unix:///run/tailscale-buildkit/node1.sock", "Status:           running",
            "BuildKit version: v0.34.2",
            "Platforms:        linux/amd64*, linux/amd64/v2, linux/arm64, linux/riscv64, linux/arm/v7, linux/arm/v6",
            "Labels:", " org.mobyproject.buildkit.worker.executor:         oci", "GC Policy rule#0:",
            " All:           false", " Keep Duration: 48h0m0s", "", "Name:      node2",
            "Endpoint:  unix:///run/tailscale-buildkit/node2.sock", "Status:    inactive",
            "Platforms: linux/arm64*, linux/arm/v7*, linux/arm/v5*");

    @Test
    void readsEachNodeAndSendsAPlatformToTheNodeThatDeclaresIt() {
        var info = BuilderInfo.parse(TWO_NODES_ONE_DOWN);

        assertThat(info.name()).isEqualTo("tailscale-remote");
        assertThat(info.remote()).isTrue();
        assertThat(info.exportsArchives()).isTrue();
        assertThat(info.buildkit()).isEqualTo("v0.34.2");
        assertThat(info.nodes()).extracting(BuilderInfo.Node::name).containsExactly("node1", "node2");
        var node1 = info.nodes().get(0);
        assertThat(node1.endpoint()).isEqualTo("unix:///run/tailscale-buildkit/node1.sock");
        assertThat(node1.reachable()).isTrue();
        assertThat(node1.declared()).containsExactly("linux/amd64");
        assertThat(node1.canRun(Platform.ARMV7)).as("node1 emulates arm/v7 too").isTrue();
        assertThat(info.nodes().get(1).reachable()).isFalse();
        assertThat(info.nodeFor(Platform.AMD64)).map(BuilderInfo.Node::name).hasValue("node1");
        // node1 could emulate them, but buildx sends them to the node that declares them
        assertThat(info.nodeFor(Platform.ARM64)).map(BuilderInfo.Node::name).hasValue("node2");
        assertThat(info.nodeFor(Platform.ARMV7)).map(BuilderInfo.Node::name).hasValue("node2");
        assertThat(info.nodeFor(Platform.ARMV5)).map(BuilderInfo.Node::name).hasValue("node2");
        assertThat(info.platforms()).startsWith("linux/amd64", "linux/amd64/v2").contains("linux/arm/v5");
    }

    @Test
    void aMissingBuildxSaysHowToInstallIt() {
        var exec = new FakeExec(Map.of("buildx inspect", List.of("docker: unknown command: docker buildx",
                "Run 'docker --help' for more information")), Map.of("buildx inspect", 1));

        assertThatThrownBy(() -> new Buildx(exec, "docker").inspect(""))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("docker buildx is not installed")
                .satisfies(e -> assertThat(((EnvironmentException) e).suggestion()).contains("docker-buildx"));
    }

    @Test
    void aMissingDockerCommandSaysHowToInstallIt() {
        var exec = new FakeExec(Map.of(), Map.of());
        exec.missing = true;

        assertThatThrownBy(() -> new Buildx(exec, "docker").inspect(""))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("The docker command 'docker' cannot be run")
                .satisfies(e -> assertThat(((EnvironmentException) e).suggestion())
                        .contains("apt-get install docker.io").contains("-Dtailscale.dockerCommand"));
    }

    @Test
    void anUnknownBuilderIsNamed() {
        var exec = new FakeExec(Map.of("buildx inspect", List.of("ERROR: no builder \"nope\" found")),
                Map.of("buildx inspect", 1));

        assertThatThrownBy(() -> new Buildx(exec, "docker").inspect("nope"))
                .hasMessageContaining("cannot use builder 'nope'").hasMessageContaining("no builder");
    }

    @Test
    void tellsWhetherADockerfileRunsCommandsOnTheTarget() {
        assertThat(DockerfileFacts.read("FROM --platform=$BUILDPLATFORM a AS b\nRUN x\nFROM scratch\nCOPY --from=b / /\n")
                .runsOnTarget()).isFalse();
        assertThat(DockerfileFacts.read("FROM --platform=$BUILDPLATFORM a AS b\nRUN x\nFROM c AS d\nrun y\n")
                .runsOnTarget()).isTrue();
    }

    @Test
    void findsTheBaseImagesAndWhichAreNotPinned() {
        var facts = DockerfileFacts.read("""
                FROM --platform=$BUILDPLATFORM golang:1.26@sha256:%s AS builder
                FROM local/stage:$TARGETARCH$TARGETVARIANT AS stage
                FROM builder AS again
                FROM scratch
                COPY --from=stage / /
                """.formatted("a".repeat(64)));

        assertThat(facts.baseImages()).containsExactly("golang:1.26@sha256:" + "a".repeat(64),
                "local/stage:$TARGETARCH$TARGETVARIANT");
        assertThat(facts.unpinnedBaseImages(Platform.ARMV7)).containsExactly("local/stage:armv7");
        assertThat(facts.unpinnedBaseImages(Platform.AMD64)).containsExactly("local/stage:amd64");
    }

    @Test
    void comparesApiVersionsNumerically() {
        assertThat(new EngineVersion("20.10.24", "1.41", "1.12", "linux", "amd64").olderThanSupported()).isFalse();
        assertThat(new EngineVersion("19.03", "1.40", "1.12", "linux", "amd64").olderThanSupported()).isTrue();
        assertThat(EngineVersion.compareApi("1.9", "1.41")).isNegative();
        assertThat(EngineVersion.compareApi("1.51", "1.41")).isPositive();
    }
}
