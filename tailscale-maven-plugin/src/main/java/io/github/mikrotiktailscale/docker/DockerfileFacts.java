package io.github.mikrotiktailscale.docker;

import io.github.mikrotiktailscale.image.Platform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Reads just enough of a Dockerfile for the build: whether a stage runs commands on the target
 * platform, and which images its stages start from.
 *
 * @param runsOnTarget a stage without {@code --platform=$BUILDPLATFORM} has a RUN: under buildx
 *     it executes target-platform binaries, which needs QEMU for foreign platforms
 * @param baseImages the images named after FROM, in order, without {@code scratch} and without
 *     earlier stages
 */
public record DockerfileFacts(boolean runsOnTarget, List<String> baseImages, java.util.Map<String, String> stageImages,
        java.util.Map<String, String> argDefaults) {

    public DockerfileFacts {
        baseImages = List.copyOf(baseImages);
        stageImages = java.util.Map.copyOf(stageImages);
        argDefaults = java.util.Map.copyOf(argDefaults);
    }

    public DockerfileFacts(boolean runsOnTarget, List<String> baseImages) {
        this(runsOnTarget, baseImages, java.util.Map.of(), java.util.Map.of());
    }

    /** The image a named stage starts from ({@code FROM image AS name}). */
    public java.util.Optional<String> stageImage(String stage) {
        return java.util.Optional.ofNullable(stageImages.get(stage.toLowerCase(Locale.ROOT)));
    }

    /** The default an {@code ARG name=value} line gives, the first one in the file. */
    public java.util.Optional<String> argDefault(String name) {
        return java.util.Optional.ofNullable(argDefaults.get(name));
    }

    public static DockerfileFacts read(String dockerfile) {
        boolean targetStage = false;
        boolean runsOnTarget = false;
        var stages = new HashSet<String>();
        var bases = new ArrayList<String>();
        var stageImages = new java.util.HashMap<String, String>();
        var args = new java.util.HashMap<String, String>();
        for (var raw : dockerfile.lines().toList()) {
            var line = raw.trim();
            var upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("FROM ")) {
                targetStage = !line.contains("--platform=$BUILDPLATFORM") && !line.contains("--platform=${BUILDPLATFORM}");
                var words = line.split("\\s+");
                String image = null;
                for (int i = 1; i < words.length; i++) {
                    if (words[i].startsWith("--")) {
                        continue;
                    }
                    if (image == null) {
                        image = words[i];
                    } else if (words[i].equalsIgnoreCase("AS") && i + 1 < words.length) {
                        stages.add(words[i + 1].toLowerCase(Locale.ROOT));
                        stageImages.putIfAbsent(words[i + 1].toLowerCase(Locale.ROOT), image);
                        break;
                    }
                }
                if (image != null && !image.equals("scratch") && !stages.contains(image.toLowerCase(Locale.ROOT))) {
                    bases.add(image);
                }
            } else if (targetStage && upper.startsWith("RUN ")) {
                runsOnTarget = true;
            } else if (upper.startsWith("ARG ") && line.contains("=")) {
                var definition = line.substring(4).trim();
                int eq = definition.indexOf('=');
                args.putIfAbsent(definition.substring(0, eq), definition.substring(eq + 1).replaceAll("^\"|\"$", ""));
            }
        }
        return new DockerfileFacts(runsOnTarget, bases, stageImages, args);
    }

    /**
     * The base images a build for this platform uses that are not pinned by digest, with buildx's
     * platform arguments filled in: their content can change under the same name.
     */
    public List<String> unpinnedBaseImages(Platform platform) {
        return baseImages.stream()
                .filter(image -> !image.contains("@sha256:"))
                .map(image -> image
                        .replace("${TARGETARCH}", platform.architecture()).replace("$TARGETARCH", platform.architecture())
                        .replace("${TARGETVARIANT}", platform.variant()).replace("$TARGETVARIANT", platform.variant())
                        .replace("${TARGETOS}", platform.os()).replace("$TARGETOS", platform.os()))
                .distinct()
                .toList();
    }
}
