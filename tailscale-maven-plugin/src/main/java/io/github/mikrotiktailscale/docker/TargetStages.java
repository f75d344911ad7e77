package io.github.mikrotiktailscale.docker;

import java.util.Locale;

/** Reads just enough of a Dockerfile to tell whether it runs commands on the target platform. */
public final class TargetStages {

    private TargetStages() {}

    /**
     * True when a stage without {@code --platform=$BUILDPLATFORM} has a RUN: under buildx such a
     * stage executes target-platform binaries, which needs QEMU for foreign platforms.
     */
    public static boolean runOnTarget(String dockerfile) {
        boolean targetStage = false;
        for (var raw : dockerfile.lines().toList()) {
            var line = raw.trim();
            var upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("FROM ")) {
                targetStage = !line.contains("--platform=$BUILDPLATFORM") && !line.contains("--platform=${BUILDPLATFORM}");
            } else if (targetStage && upper.startsWith("RUN ")) {
                return true;
            }
        }
        return false;
    }
}
