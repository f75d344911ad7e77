package io.github.mikrotiktailscale.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the end-to-end tests need from the machine: a reachable Docker engine with buildx and the
 * small per-platform base images the fixtures build from. Without an engine the tests are skipped
 * with a message, except where {@code TAILSCALE_E2E=required} (CI): there they fail.
 */
public final class Toolchain {

    public static final Path PROJECT_ROOT = Path.of("..").toAbsolutePath().normalize();
    private static volatile boolean basesReady;

    private Toolchain() {}

    public static boolean required() {
        return "required".equals(System.getenv("TAILSCALE_E2E"));
    }

    /** Skips (or, in CI, fails) the test unless a Docker engine with buildx answers. */
    public static void requireDocker() {
        var engine = run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), 30);
        var buildx = engine.code == 0 ? run(List.of("docker", "buildx", "version"), 30) : engine;
        if (engine.code != 0 || buildx.code != 0) {
            var why = "no Docker engine with buildx is reachable (" + (engine.code != 0 ? engine.output : buildx.output).trim()
                    + "); end-to-end test skipped. Run .ci/setup-docker.sh as root to get one.";
            if (required()) {
                fail("TAILSCALE_E2E=required, but " + why);
            }
            System.err.println("[e2e] SKIPPED: " + why);
            Assumptions.abort(why);
        }
    }

    /** Makes sure tailscale-e2e/base:{amd64,arm64,armv7} exist (built once, from Debian's busybox-static). */
    public static synchronized void requireBaseImages() {
        requireDocker();
        if (basesReady) {
            return;
        }
        var script = PROJECT_ROOT.resolve(".ci/lib/e2e-base-images.sh");
        var result = run(List.of(script.toString()), 600);
        if (result.code != 0) {
            fail("cannot build the end-to-end base images with " + script + ":\n" + result.output);
        }
        basesReady = true;
    }

    /** Removes a directory left by an earlier run, if any. */
    public static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var walk = Files.walk(directory)) {
                for (var path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Runs a command, returning its exit code and merged output. */
    public static Result run(List<String> command, int timeoutSeconds) {
        try {
            var log = Files.createTempFile("e2e-cmd", ".log");
            try {
                var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    public record Result(int code, String output) {}
}
