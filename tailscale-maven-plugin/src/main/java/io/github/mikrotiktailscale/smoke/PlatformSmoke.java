package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What every platform's image must do, natively or under QEMU: report the pinned version as
 * {@code tailscale} and as {@code tailscaled} (one binary, chosen by argv[0]), and start the
 * daemon so that the CLI gets an answer from it. ARMv5 images run on QEMU's ARM926 model, which
 * faults at the first ARMv6/v7 or VFP instruction, as the router's CPU would; see {@link Armv5Cpu}.
 */
final class PlatformSmoke {

    private static final Duration DAEMON_TIMEOUT = Duration.ofSeconds(90);

    private final DockerCli docker;
    private final String run;
    private final String label;
    private final Optional<Set<String>> features;
    private final Armv5Cpu armv5Cpu;
    private final MemoryRecorder memory;

    PlatformSmoke(DockerCli docker, String run, String label, Optional<Set<String>> features, MemoryRecorder memory) {
        this(docker, run, label, features, new Armv5Cpu(docker, label, Armv5Cpu::hostQemu), memory);
    }

    PlatformSmoke(DockerCli docker, String run, String label, Optional<Set<String>> features, Armv5Cpu armv5Cpu,
            MemoryRecorder memory) {
        this.docker = docker;
        this.run = run;
        this.label = label;
        this.features = features;
        this.armv5Cpu = armv5Cpu;
        this.memory = memory;
    }

    List<Check> check(Platform platform, String image, String expectedVersion)
            throws EnvironmentException, InterruptedException {
        var checks = new ArrayList<Check>();
        checks.add(version("tailscale version", platform, image, "tailscale", "version", expectedVersion));
        checks.add(version("tailscaled --version", platform, image, "tailscaled", "--version", expectedVersion));
        checks.add(daemon(platform, image));
        if (platform == Platform.ARMV5) {
            checks.add(armv5Cpu.check(image, expectedVersion));
        }
        return checks;
    }

    /** {@code docker run} with the platform, and for ARMv5 the CPU model every QEMU in the container uses. */
    private List<String> runCommand(Platform platform, String... rest) {
        var command = new ArrayList<>(List.of("run", "--label", label, "--network", "none", "--platform",
                platform.dockerName()));
        command.addAll(Armv5Cpu.options(platform));
        command.addAll(List.of(rest));
        return command;
    }

    private Check version(String name, Platform platform, String image, String program, String flag,
            String expectedVersion) throws EnvironmentException, InterruptedException {
        var result = docker.run(runCommand(platform, "--rm", "--entrypoint", program, image, flag));
        var first = result.lines().stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (!result.ok()) {
            return Check.fail(name, "exit code " + result.exitCode() + ": " + result.tail(3), cannotRun(result.text(),
                    platform));
        }
        if (!expectedVersion.isEmpty() && !first.equals(expectedVersion)) {
            return Check.fail(name, "reports '" + first + "', expected " + expectedVersion,
                    Symptom.WRONG_VERSION.cause(features));
        }
        return Check.pass(name, first);
    }

    /**
     * The daemon with its state in memory: it must answer the CLI. In userspace mode (no TUN, no
     * privileges) where the image has netstack; with a kernel TUN where it has not (userspace
     * networking is netstack), which QEMU's user emulation passes through for foreign platforms.
     */
    private Check daemon(Platform platform, String image) throws EnvironmentException, InterruptedException {
        var name = "daemon answers the CLI";
        var container = run + "-daemon-" + platform.shortName();
        var socket = "/tmp/tailscaled.sock";
        boolean kernelTun = features.map(f -> !f.contains("netstack")).orElse(false);
        var args = new ArrayList<>(List.of("-d", "--name", container));
        if (kernelTun) {
            args.addAll(List.of("--device", "/dev/net/tun", "--cap-add", "NET_ADMIN"));
        }
        args.addAll(List.of("--entrypoint", "tailscaled", image,
                kernelTun ? "--tun=tailscale0" : "--tun=userspace-networking", "--state=mem:", "--socket=" + socket,
                "--statedir=/tmp/tailscale"));
        var start = docker.run(runCommand(platform, args.toArray(String[]::new)));
        try {
            if (!start.ok()) {
                return Check.fail(name, "cannot start: " + start.tail(3), cannotRun(start.text(), platform));
            }
            var started = Instant.now();
            var deadline = started.plus(DAEMON_TIMEOUT);
            String output = "";
            while (Instant.now().isBefore(deadline)) {
                var status = docker.run("exec", container, "tailscale", "--socket=" + socket, "status", "--json");
                output = status.text();
                if (output.contains("access denied")) {
                    return Check.fail(name, "tailscale status: " + oneLine(output), Symptom.ACCESS_DENIED.cause(features));
                }
                try {
                    var parsed = TailscaleStatus.parse(output);
                    if (parsed.backendState().equals("NeedsLogin")) {
                        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
                        memory.loggedOut(platform, container);
                        return Check.pass(name, String.format(java.util.Locale.ROOT,
                                "tailscaled up, state NeedsLogin after %.1f s", seconds));
                    }
                } catch (IllegalArgumentException e) {
                    // not up yet
                }
                var state = docker.run("inspect", "-f", "{{.State.Running}} exit code {{.State.ExitCode}}, out of memory:"
                        + " {{.State.OOMKilled}}", container).text().strip();
                if (state.startsWith("false")) {
                    var logs = docker.run("logs", "--tail", "8", container).text();
                    return Check.fail(name, "tailscaled stopped (" + state.substring("false ".length()) + "): "
                            + oneLine(logs), Symptom.DAEMON_DOES_NOT_START.cause(features));
                }
                Thread.sleep(500);
            }
            return Check.fail(name, "no answer within " + DAEMON_TIMEOUT.toSeconds() + " s; last: " + oneLine(output),
                    Symptom.DAEMON_DOES_NOT_START.cause(features));
        } finally {
            docker.run("rm", "-f", container);
        }
    }

    private static String cannotRun(String output, Platform platform) {
        if (output.contains("exec format error")) {
            return "exec format error -> the engine cannot run " + platform.dockerName() + " binaries: register QEMU"
                    + " with binfmt_misc (.ci/setup-docker.sh does), or the binary was built for another platform";
        }
        if (output.contains("executable file not found") || output.contains("no such file")) {
            return "the image has no " + (output.contains("tailscaled") ? "tailscaled" : "tailscale")
                    + " on its PATH: the argv[0] links next to tailscale.combined are missing";
        }
        return Symptom.DAEMON_DOES_NOT_START.cause(Optional.empty());
    }

    static String oneLine(String text) {
        var line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
