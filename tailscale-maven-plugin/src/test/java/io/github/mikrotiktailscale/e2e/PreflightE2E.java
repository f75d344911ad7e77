package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a user sees when the machine is not ready: one clear message each, no stack trace, no hang.
 * Each case breaks one thing for real (a missing program, an engine address nobody answers, a
 * registry that cannot be reached, a full disk).
 */
class PreflightE2E {

    @BeforeAll
    static void engine() {
        Toolchain.requireBaseImages();
    }

    private static void assertCleanFailure(FixtureProject.Run run, String... expected) {
        assertThat(run.succeeded()).as("%s", run).isFalse();
        assertThat(run.log()).contains(expected);
        assertThat(run.log()).as("no stack trace in %s", run.logFile()).doesNotContainPattern("(?m)^\\s+at [a-z]+\\.");
    }

    @Test
    void aMissingDockerCommandSaysHowToInstallIt() throws Exception {
        var project = FixtureProject.copy("build");

        var run = project.maven("package", "tailscale.dockerCommand=/nonexistent/docker");

        assertCleanFailure(run, "The docker command '/nonexistent/docker' cannot be run", "apt-get install docker.io");
    }

    @Test
    void anUnreachableEngineNamesTheAddressTried() throws Exception {
        var project = FixtureProject.copy("build");

        var run = project.maven(List.of("package"), new Properties(),
                Map.of("DOCKER_HOST", "unix:///tmp/no-engine-here.sock"));

        assertCleanFailure(run, "The Docker engine at unix:///tmp/no-engine-here.sock did not answer",
                "Start the engine");
    }

    @Test
    void anUnsupportedPlatformNamesTheReasonAndTheList() throws Exception {
        var project = FixtureProject.copy("build");

        var run = project.maven("package", "tailscale.platforms=arm64,arm/v6");

        assertCleanFailure(run, "'arm/v6' cannot be built", "no RouterOS device with the container package has an ARMv6 CPU",
                "amd64 (linux/amd64), arm64 (linux/arm64), armv7 (linux/arm/v7), armv5 (linux/arm/v5)");
    }

    @Test
    void armv5FromAnAlpineBusyboxStageIsRefusedBeforeTheEngineIsAsked() throws Exception {
        var project = FixtureProject.copy("build");
        Files.writeString(project.file("context/Dockerfile"), "FROM alpine:3.20 AS busybox\nRUN true\n");

        var run = project.maven("package", "tailscale.platforms=armv5");

        assertCleanFailure(run, "linux/arm/v5 cannot be built with the busybox stage's image alpine:3.20",
                "Alpine publishes no ARMv5 image", ".ci/bases/build-local-bases.sh cross");
    }

    @Test
    void aBaseImageThatCannotBePulledIsNamedFastWithWhatToDo() throws Exception {
        var project = FixtureProject.copy("build");
        Files.writeString(project.file("context/Dockerfile"), "FROM alpine:3.20\nRUN true\n");

        long started = System.nanoTime();
        var run = project.maven("package", "tailscale.platforms=arm64");
        double seconds = (System.nanoTime() - started) / 1e9;

        assertCleanFailure(run, "docker buildx build failed for linux/arm64", "Cannot pull", "alpine",
                "registry mirror");
        assertThat(seconds).as("fails fast, does not hang").isLessThan(120);
    }

    /**
     * Disables the kernel's QEMU handler for 32-bit ARM for the length of one build, as on a
     * machine where nobody registered it. The handler is global: the end-to-end tests run one at
     * a time, and it is enabled again whatever happens.
     */
    @Test
    void aForeignPlatformWithoutQemuNamesThePlatformAndTheRegistrationCommand() throws Exception {
        var handler = Path.of("/proc/sys/fs/binfmt_misc/qemu-arm");
        var enabled = Files.isRegularFile(handler) && Files.readString(handler).startsWith("enabled");
        var writable = enabled && Files.isWritable(handler);
        if (Toolchain.required()) {
            assertThat(writable).as("an enabled, writable %s (.ci/setup-docker.sh registers it; run as root)", handler)
                    .isTrue();
        }
        assumeTrue(writable, "needs root and an enabled QEMU handler at " + handler);
        var project = FixtureProject.copy("build");

        FixtureProject.Run run;
        Files.writeString(handler, "0");
        try {
            run = project.maven("package", "tailscale.platforms=amd64,armv7", "tailscale.force=true");
        } finally {
            Files.writeString(handler, "1");
        }

        assertCleanFailure(run, "No QEMU emulation is registered for linux/arm/v7",
                "a stage of the Dockerfile runs commands on the target platform",
                "docker run --privileged --rm tonistiigi/binfmt --install arm",
                "-Dtailscale.platforms=amd64");
        assertThat(run.log()).as("nothing was built before the check").doesNotContain("] built in");
        assertThat(Files.readString(handler)).startsWith("enabled");
    }

    @Test
    void aFullDiskDuringSaveIsReportedAsSuch() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs needs root");
        var project = FixtureProject.copy("build");
        var big = new byte[3_000_000];
        new java.util.Random(7).nextBytes(big);
        Files.write(project.file("context/big.bin"), big);
        Files.writeString(project.file("context/Dockerfile"), "FROM scratch\nCOPY big.bin /big.bin\n");
        var small = Files.createDirectories(project.file("small-disk"));
        var mount = Toolchain.run(List.of("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString()), 30);
        assumeTrue(mount.code() == 0, "cannot mount a tmpfs here: " + mount.output());
        try {
            var run = project.maven("package", "tailscale.platforms=amd64", "tailscale.imagesDirectory=" + small);

            assertCleanFailure(run, "The disk is full", "could not be written", "docker system prune");
            assertThat(small.resolve("amd64.tar")).doesNotExist();
            assertThat(small.resolve("amd64.tar.partial")).doesNotExist();
        } finally {
            Toolchain.run(List.of("umount", small.toString()), 30);
        }
    }
}
