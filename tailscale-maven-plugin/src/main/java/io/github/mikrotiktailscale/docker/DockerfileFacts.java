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
public record DockerfileFacts(boolean runsOnTarget, List<String> baseImages) {

    public DockerfileFacts {
        baseImages = List.copyOf(baseImages);
    }

    public static DockerfileFacts read(String dockerfile) {
        boolean targetStage = false;
        boolean runsOnTarget = false;
        var stages = new HashSet<String>();
        var bases = new ArrayList<String>();
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
                        break;
                    }
                }
                if (image != null && !image.equals("scratch") && !stages.contains(image.toLowerCase(Locale.ROOT))) {
                    bases.add(image);
                }
            } else if (targetStage && upper.startsWith("RUN ")) {
                runsOnTarget = true;
            }
        }
        return new DockerfileFacts(runsOnTarget, bases);
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
