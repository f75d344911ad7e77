package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.image.Platform;
import java.nio.file.Path;

/**
 * The outcome for one platform.
 *
 * @param imageId the digest of the image config
 * @param localTag the engine tag of the image, empty when the builder exported the archive itself
 * @param upToDate true when the inputs had not changed and nothing was built
 * @param node the buildx builder and node that built it ({@code builder/node}, from buildx's
 *     metadata), empty when buildx did not say
 */
public record PlatformBuild(
        Platform platform,
        String imageId,
        Path archive,
        long archiveBytes,
        double buildSeconds,
        boolean upToDate,
        String inputHash,
        String localTag,
        String node) {

    public PlatformBuild {
        node = node == null ? "" : node;
    }
}
