package io.github.mikrotiktailscale.docker;

import io.github.mikrotiktailscale.image.Platform;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the end of a failed buildx log and says, where it recognises the cause, what happened and
 * what to do: a base image that cannot be pulled, a missing QEMU handler, an engine without a
 * bridge network, a full disk.
 */
public final class BuildFailures {

    /** BuildKit asking the registry for a manifest: host, repository, tag or digest. */
    private static final Pattern REQUEST = Pattern.compile(
            "failed to do request: (?:Head|Get) \"https?://([^/\"]+)/v2/(.+?)/manifests/([^\"]+)\"");
    private static final Pattern METADATA = Pattern.compile(
            "failed to (?:resolve source metadata for|load metadata for) (\\S+?)[:]? ");
    private static final Pattern FROM_LINE = Pattern.compile("\\[internal\\] load metadata for (\\S+)");

    private BuildFailures() {}

    /** A cause and a fix for the failure, when the log shows a known one. */
    public static Optional<String> explain(List<String> log, Platform platform) {
        return explain(log, platform, "");
    }

    /**
     * As {@link #explain(List, Platform)}, with the project's own way to build without the pinned
     * base images named first when they cannot be pulled.
     */
    public static Optional<String> explain(List<String> log, Platform platform, String baseImageFallback) {
        var text = String.join("\n", log);
        var lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("exec format error")) {
            return Optional.of("A step ran a " + platform.dockerName() + " binary and the kernel could not execute it:"
                    + " QEMU user emulation is not registered for that platform. Register it once with 'docker run"
                    + " --privileged --rm tonistiigi/binfmt --install arm64,arm' or, on Debian, 'apt-get install"
                    + " qemu-user-static binfmt-support'.");
        }
        if (lower.contains("network bridge not found")) {
            return Optional.of("The engine runs without its bridge network (dockerd --bridge=none), so RUN steps have"
                    + " no network to join. Build with -Dtailscale.network=host (the default 'auto' does this when"
                    + " it can tell).");
        }
        if (lower.contains("no space left on device")) {
            return Optional.of("The disk of the Docker engine is full. Free space with 'docker system prune'"
                    + " (unused images) and 'docker builder prune' (build cache), then build again.");
        }
        if (REQUEST.matcher(text).find() || METADATA.matcher(text).find() || lower.contains("pull access denied")
                || lower.contains("no such host")
                || lower.contains("manifest unknown")) {
            var name = pulledImage(text).orElse("a base image");
            var own = baseImageFallback == null || baseImageFallback.isBlank() ? ""
                    : " This project builds without them: " + baseImageFallback.strip() + ". Otherwise,";
            return Optional.of("Cannot pull " + name + " for " + platform.dockerName() + ": the registry is not"
                    + " reachable from the engine or refuses the request." + own + (own.isEmpty() ? " Without" : " without")
                    + " access to Docker Hub, configure"
                    + " a registry mirror (registry-mirrors in /etc/docker/daemon.json) or build the base image"
                    + " locally and point <builderImage>/<busyboxImage> at that tag (local images have no registry"
                    + " digest: set <allowUnpinnedBaseImages>true</allowUnpinnedBaseImages>).");
        }
        return Optional.empty();
    }

    private static Optional<String> pulledImage(String text) {
        var request = REQUEST.matcher(text);
        if (request.find()) {
            var reference = request.group(3);
            return Optional.of(request.group(1) + "/" + request.group(2)
                    + (reference.startsWith("sha256:") ? "@" : ":") + reference);
        }
        var metadata = METADATA.matcher(text);
        if (metadata.find()) {
            return Optional.of(metadata.group(1));
        }
        var from = FROM_LINE.matcher(text);
        String last = null;
        while (from.find()) {
            last = from.group(1);
        }
        return Optional.ofNullable(last);
    }
}
