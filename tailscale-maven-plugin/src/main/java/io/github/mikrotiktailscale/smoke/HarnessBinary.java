package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.progress.Progress;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness program (Go sources shipped with the plugin): compiled once per source version in a
 * container from the configured builder image, so the machine needs no Go of its own, and kept
 * under the work directory. Its Go tests run before it is built.
 */
final class HarnessBinary {

    /** Every file of the harness module, as resources beside this class under {@code harness/}. */
    static final List<String> SOURCES = List.of("go.mod", "go.sum", "main.go", "control.go", "privateca.go", "wire.go",
            "tools.go", "load.go", "tools_test.go");
    static final String NAME = "tailnet-harness";
    /** Go's module and build caches between runs; {@code docker volume rm} it to reclaim the space. */
    static final String CACHE_VOLUME = "tailscale-smoke-go-cache";

    private HarnessBinary() {}

    static Map<String, byte[]> sources() {
        var sources = new LinkedHashMap<String, byte[]>();
        for (var name : SOURCES) {
            try (InputStream in = HarnessBinary.class.getResourceAsStream("harness/" + name)) {
                if (in == null) {
                    throw new IOException("missing plugin resource harness/" + name);
                }
                sources.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    /** Names a build: the sources and the builder image that compiles them. */
    static String version(Map<String, byte[]> sources, String builderImage) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (var entry : sources.entrySet()) {
                digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(entry.getValue());
                digest.update((byte) 0);
            }
            digest.update(builderImage.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The command the builder container runs: vet, test, then a static, stripped binary. */
    static List<String> buildCommand() {
        return List.of("sh", "-c", "set -e; go version; go vet ./...; go test ./...; mkdir -p /out;"
                + " go build -trimpath -ldflags='-s -w' -o /out/" + NAME + " .");
    }

    /**
     * Returns the harness binary, building it first unless this version exists already.
     *
     * @param goEnvironment GOPROXY and friends of the machine, handed to the build
     */
    static Path ensure(DockerCli docker, String builderImage, Map<String, String> goEnvironment, Path workDirectory,
            String containerName, String label, Progress listener) throws EnvironmentException, InterruptedException {
        var sources = sources();
        var version = version(sources, builderImage);
        var directory = workDirectory.resolve("harness").resolve(version);
        var binary = directory.resolve(NAME);
        if (Files.isRegularFile(binary)) {
            listener.info("Harness " + version + " is built already (" + binary + ").");
            return binary;
        }
        var sourceDirectory = directory.resolve("src");
        try {
            Files.createDirectories(sourceDirectory);
            for (var entry : sources.entrySet()) {
                Files.write(sourceDirectory.resolve(entry.getKey()), entry.getValue());
            }
        } catch (IOException e) {
            throw new EnvironmentException("Cannot write the harness sources to " + sourceDirectory + ": "
                    + e.getMessage(), "Check that the build directory is writable.", e);
        }
        listener.info("Building harness " + version + " with Go from " + builderImage + " (cached in the Docker volume "
                + CACHE_VOLUME + ") ...");
        docker.require("create the Go cache volume", "volume", "create", CACHE_VOLUME);
        var create = new ArrayList<>(List.of("create", "--name", containerName, "--label", label, "--network", "host",
                "-v", CACHE_VOLUME + ":/cache", "-w", "/src", "-e", "CGO_ENABLED=0", "-e", "GOMODCACHE=/cache/mod",
                "-e", "GOCACHE=/cache/build"));
        goEnvironment.forEach((name, value) -> create.addAll(List.of("-e", name + "=" + value)));
        create.addAll(List.of("--entrypoint", "", builderImage));
        create.addAll(buildCommand());
        docker.require("create the harness build container from " + builderImage, create);
        try {
            docker.require("copy the harness sources into the build container", "cp", sourceDirectory + "/.",
                    containerName + ":/src");
            var build = docker.run("start", "-a", containerName);
            build.lines().forEach(line -> listener.debug("harness build: " + line));
            if (!build.ok()) {
                throw new EnvironmentException("Cannot build the smoke test harness in " + builderImage + ":\n"
                        + build.tail(30), "The builder image needs Go (the version Tailscale asks for) and the Go"
                        + " module proxy must be reachable (GOPROXY). -Dtailscale.smoke.tailnet=false runs only the"
                        + " checks that need no harness.");
            }
            var partial = directory.resolve(NAME + ".part");
            docker.require("copy the harness out of the build container", "cp", containerName + ":/out/" + NAME,
                    partial.toString());
            Files.move(partial, binary, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot keep the harness in " + directory + ": " + e.getMessage(),
                    "Check that the build directory is writable.", e);
        } finally {
            docker.run("rm", "-f", containerName);
        }
        listener.info("Harness " + version + " built.");
        return binary;
    }
}
