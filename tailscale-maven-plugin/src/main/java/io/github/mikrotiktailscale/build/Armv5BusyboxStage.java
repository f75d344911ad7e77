package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.docker.DockerfileFacts;
import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import java.util.List;
import java.util.Locale;

/**
 * Refuses an ARMv5 build whose busybox stage starts from Alpine before the engine is asked: Alpine
 * publishes no {@code linux/arm/v5} image (a target-platform stage fails pulling it) and ships no
 * ARMv5 musl cross compiler (a cross-compiling stage fails after minutes). Debian's armel
 * toolchain, in the cross image of {@code .ci/bases/build-local-bases.sh}, builds it.
 */
public final class Armv5BusyboxStage {

    static final String STAGE = "busybox";

    private Armv5BusyboxStage() {}

    public static void check(DockerfileFacts facts, List<Platform> platforms) throws ConfigurationException {
        if (!platforms.contains(Platform.ARMV5)) {
            return;
        }
        var image = facts.stageImage(STAGE);
        if (image.isPresent() && isAlpine(image.get())) {
            throw new ConfigurationException(new Problem("busyboxImage", "linux/arm/v5 cannot be built with the busybox"
                    + " stage's image " + image.get() + ": Alpine publishes no ARMv5 image and has no ARMv5 (armel)"
                    + " musl cross compiler.", "Cross-compile busybox with Debian's armel toolchain: run"
                    + " '.ci/bases/build-local-bases.sh cross' and set busyboxImage to"
                    + " local/tailscale-busybox-cross:trixie with busyboxCrossCompile=true (image-project:"
                    + " -Plocal-bases), or leave armv5 out of tailscale.platforms."));
        }
    }

    /** {@code alpine:3.23}, {@code docker.io/library/alpine@sha256:…}, {@code golang:1.26-alpine}. */
    static boolean isAlpine(String reference) {
        var name = reference.toLowerCase(Locale.ROOT);
        int digest = name.indexOf('@');
        if (digest >= 0) {
            name = name.substring(0, digest);
        }
        var lastPart = name.substring(name.lastIndexOf('/') + 1);
        int colon = lastPart.indexOf(':');
        var repository = colon >= 0 ? lastPart.substring(0, colon) : lastPart;
        var tag = colon >= 0 ? lastPart.substring(colon + 1) : "";
        return repository.equals("alpine") || tag.contains("alpine");
    }
}
