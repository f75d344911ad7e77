package io.github.mikrotiktailscale.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {

    private static final EngineVersion ENGINE = new EngineVersion("20.10.24", "1.41", "1.12", "linux", "amd64");

    private static Buildx buildx(String platforms) {
        return new Buildx(new BuildxTest.FakeExec(Map.of("buildx inspect",
                List.of("Name: default", "Driver: docker", "Platforms: " + platforms)), Map.of()), "docker");
    }

    private static Preflight.BuilderLookup lookup(String platforms) {
        var buildx = buildx(platforms);
        return () -> buildx.inspect("");
    }

    private static BinfmtHandlers emptyTable(Path dir) throws Exception {
        Files.writeString(dir.resolve("status"), "enabled\n");
        return new BinfmtHandlers(dir);
    }

    @Test
    void passesWhenEveryPlatformCanRun(@TempDir Path dir) throws Exception {
        var table = emptyTable(dir);
        Files.writeString(dir.resolve("qemu-aarch64"), "enabled\nflags: PF\nmagic 7f454c460201010000000000000000000200b700\n");
        Files.writeString(dir.resolve("qemu-arm"), "enabled\nflags: PF\nmagic 7f454c4601010100000000000000000002002800\n");

        var report = Preflight.check(lookup("linux/amd64, linux/arm64, linux/arm/v7"), ENGINE,
                "unix:///var/run/docker.sock", List.of(Platform.values()), true, table);

        assertThat(report.isNative(Platform.AMD64)).isTrue();
        assertThat(report.isNative(Platform.ARM64)).isFalse();
        assertThat(report.builder().driver()).isEqualTo("docker");
    }

    @Test
    void aDisabledHandlerOnALocalEngineFailsWithTheRegistrationCommand(@TempDir Path dir) throws Exception {
        var table = emptyTable(dir);

        assertThatThrownBy(() -> Preflight.check(lookup("linux/amd64, linux/arm64, linux/arm/v7"), ENGINE,
                "unix:///var/run/docker.sock", List.of(Platform.AMD64, Platform.ARMV7), true, table))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("No QEMU emulation is registered for linux/arm/v7")
                .satisfies(e -> assertThat(((EnvironmentException) e).suggestion())
                        .contains("tonistiigi/binfmt --install arm").contains("qemu-user-static binfmt-support")
                        .contains("-Dtailscale.platforms=amd64"));
    }

    @Test
    void aBuilderThatListsNoEmulationFailsToo(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Preflight.check(lookup("linux/amd64, linux/386"), ENGINE, "tcp://remote:2376",
                List.of(Platform.ARM64), true, emptyTable(dir)))
                .hasMessageContaining("linux/arm64");
    }

    @Test
    void noEmulationIsNeededWhenNothingRunsOnTheTarget(@TempDir Path dir) throws Exception {
        var report = Preflight.check(lookup("linux/amd64"), ENGINE, "unix:///x", List.of(Platform.ARMV7),
                false, emptyTable(dir));

        assertThat(report.builder().name()).isEqualTo("default");
    }

    @Test
    void anEngineOlderThan2010IsRefused(@TempDir Path dir) {
        var old = new EngineVersion("19.03.15", "1.40", "1.12", "linux", "amd64");

        assertThatThrownBy(() -> Preflight.check(lookup("linux/amd64"), old, "unix:///x",
                List.of(Platform.AMD64), true, emptyTable(dir)))
                .hasMessageContaining("Docker Engine 19.03.15").hasMessageContaining("older than Docker Engine 20.10");
    }

    private static Preflight.BuilderLookup remote(List<String> lines) {
        var buildx = new Buildx(new BuildxTest.FakeExec(Map.of("buildx inspect", lines), Map.of()), "docker");
        return () -> buildx.inspect("tailscale-remote");
    }

    @Test
    void aNodeThatServesThePlatformNeedsNoQemuOnThisMachine(@TempDir Path dir) throws Exception {
        // This kernel has no handlers at all: the nodes' own lists are what counts.
        var report = Preflight.check(remote(BuildxTestLines.twoNodes()), ENGINE, "unix:///var/run/docker.sock",
                List.of(Platform.AMD64, Platform.ARM64, Platform.ARMV7), true, emptyTable(dir));

        assertThat(report.describe()).contains("remote driver", "nodes 'node1' at unix:///run/tailscale-buildkit/node1.sock"
                + " for linux/amd64, 'node2' at unix:///run/tailscale-buildkit/node2.sock for linux/arm64,linux/arm/v7,linux/arm/v5");
    }

    @Test
    void aStoppedNodeFailsBeforeAnythingIsBuiltNamingItsEndpoint(@TempDir Path dir) {
        assertThatThrownBy(() -> Preflight.check(remote(BuildxTest.TWO_NODES_ONE_DOWN), ENGINE,
                "unix:///var/run/docker.sock", List.of(Platform.AMD64, Platform.ARMV7), false, emptyTable(dir)))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("Node 'node2' of the builder 'tailscale-remote' at"
                        + " unix:///run/tailscale-buildkit/node2.sock, which builds linux/arm/v7, does not answer")
                .hasMessageContaining("status is 'inactive'")
                .satisfies(e -> assertThat(((EnvironmentException) e).suggestion()).contains("Start buildkitd")
                        .contains("docker buildx create --leave --name tailscale-remote --node node2")
                        .contains("--append --name tailscale-remote --node NAME --platform linux/arm64,linux/arm/v7,linux/arm/v5")
                        .contains("docker buildx rm tailscale-remote"));
    }

    @Test
    void aStoppedNodeThatNoPlatformNeedsIsNoObstacle(@TempDir Path dir) throws Exception {
        var report = Preflight.check(remote(BuildxTest.TWO_NODES_ONE_DOWN), ENGINE, "unix:///var/run/docker.sock",
                List.of(Platform.AMD64), true, emptyTable(dir));

        assertThat(report.builder().nodeFor(Platform.AMD64)).map(BuilderInfo.Node::name).hasValue("node1");
    }

    @Test
    void aPlatformNoNodeBuildsAsksForANodeNotForQemu(@TempDir Path dir) {
        var amd64Only = List.of("Name: r", "Driver: remote", "Nodes:", "Name: n1", "Endpoint: tcp://10.0.0.1:1234",
                "Status: running", "Platforms: linux/amd64*, linux/386");

        assertThatThrownBy(() -> Preflight.check(remote(amd64Only), ENGINE, "unix:///var/run/docker.sock",
                List.of(Platform.ARM64), true, emptyTable(dir)))
                .hasMessageContaining("No node of the builder 'r' builds linux/arm64")
                .satisfies(e -> assertThat(((EnvironmentException) e).suggestion())
                        .contains("docker buildx create --append --name r --node NAME --platform linux/arm64 ENDPOINT"));
    }
}
