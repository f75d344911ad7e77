package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.docker.BinfmtHandlers;
import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Proof that an ARMv5 image runs on an ARMv5 CPU, not only on the v7 one QEMU emulates by default.
 * QEMU's ARM926 model (ARMv5TEJ) raises "Illegal instruction" at the first v6/v7 instruction, as an
 * EN7562CT router does. Two ways in: the {@code QEMU_CPU} variable, which the binfmt-started QEMU
 * of every process in the container reads, and, independent of binfmt, the host's static QEMU
 * mounted into the container and started with {@code -cpu arm926} on busybox's shell and on the
 * Tailscale binary.
 */
final class Armv5Cpu {

    static final String CPU = "arm926";
    static final String NAME = "runs on an ARMv5 CPU (QEMU " + CPU + ")";
    private static final String QEMU_IN_CONTAINER = "/qemu-arm-v5";
    private static final String SHELL_SCRIPT = "i=0; while [ $i -lt 1000 ]; do i=$((i + 1)); done; echo \"busybox sh"
            + " counted to $i\"";

    private final DockerCli docker;
    private final String label;
    private final Supplier<Optional<Path>> qemu;

    Armv5Cpu(DockerCli docker, String label, Supplier<Optional<Path>> qemu) {
        this.docker = docker;
        this.label = label;
        this.qemu = qemu;
    }

    /**
     * The {@code docker run} options that put every process of an ARMv5 container on the ARMv5 model.
     * {@code --init}: QEMU ends a faulting guest by signalling itself, which process 1 of a
     * container ignores, so without an init the container would hang instead of failing.
     */
    static List<String> options(Platform platform) {
        return platform == Platform.ARMV5 ? List.of("--init", "-e", "QEMU_CPU=" + CPU) : List.of();
    }

    Check check(String image, String expectedVersion) throws EnvironmentException, InterruptedException {
        var found = qemu.get();
        if (found.isEmpty()) {
            return Check.fail(NAME, "no static qemu-arm on this machine to start with -cpu " + CPU,
                    "install qemu-user-static (.ci/setup-docker.sh does): its binfmt handler or qemu-arm-static is"
                            + " what this check mounts into the container");
        }
        var shell = run(found.get(), image, "/bin/busybox", "sh", "-c", SHELL_SCRIPT);
        var shellLine = firstLine(shell);
        if (!shell.ok() || !shellLine.equals("busybox sh counted to 1000")) {
            return Check.fail(NAME, "busybox: exit code " + shell.exitCode() + ": " + PlatformSmoke.oneLine(shell.text()),
                    cause(shell));
        }
        var version = run(found.get(), image, "-0", "tailscale", "/usr/local/bin/tailscale.combined", "version");
        var versionLine = firstLine(version);
        if (!version.ok() || (!expectedVersion.isEmpty() && !versionLine.equals(expectedVersion))) {
            return Check.fail(NAME, "tailscale version: exit code " + version.exitCode() + ": "
                    + PlatformSmoke.oneLine(version.text()), cause(version));
        }
        return Check.pass(NAME, shellLine + "; tailscale version " + versionLine + " (" + found.get().getFileName()
                + " -cpu " + CPU + ", not through binfmt)");
    }

    private DockerCli.Result run(Path qemuBinary, String image, String... program)
            throws EnvironmentException, InterruptedException {
        var command = new ArrayList<>(List.of("run", "--rm", "--label", label, "--network", "none", "--platform",
                Platform.ARMV5.dockerName()));
        command.addAll(options(Platform.ARMV5));
        command.addAll(List.of("-v", qemuBinary + ":" + QEMU_IN_CONTAINER + ":ro", "--entrypoint", QEMU_IN_CONTAINER,
                image, "-cpu", CPU));
        command.addAll(List.of(program));
        return docker.run(command);
    }

    private static String firstLine(DockerCli.Result result) {
        return result.lines().stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    private static String cause(DockerCli.Result result) {
        if (result.text().contains("Illegal instruction") || result.exitCode() == 132) {
            return "an ARMv6/v7 or VFP instruction: the binary was not built for ARMv5 (GOARM=5, an armel compiler)";
        }
        return "the binary does not start under QEMU's ARMv5 model; run the command above by hand to see why";
    }

    /**
     * The static QEMU that runs 32-bit ARM binaries: the binfmt handler's interpreter (it already
     * runs inside containers), else {@code qemu-arm-static} on the PATH.
     */
    static Optional<Path> hostQemu() {
        var registered = new BinfmtHandlers(BinfmtHandlers.DEFAULT_ROOT).interpreter(Platform.ARMV5);
        var candidates = new ArrayList<Path>();
        registered.ifPresent(candidates::add);
        for (var dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "qemu-arm-static"));
            }
        }
        for (var candidate : candidates) {
            try {
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toRealPath());
                }
            } catch (IOException e) {
                // not usable; try the next
            }
        }
        return Optional.empty();
    }
}
