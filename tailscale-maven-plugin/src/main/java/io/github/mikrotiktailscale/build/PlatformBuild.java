package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.image.Platform;
import java.nio.file.Path;

/**
 * The outcome for one platform.
 *
 * @param imageId the digest of the image config
 * @param localTag the engine tag of the image, empty when the builder exported the archive itself
 * @param upToDate true when the inputs had not changed and nothing was built
 */
public record PlatformBuild(
        Platform platform,
        String imageId,
        Path archive,
        long archiveBytes,
        double buildSeconds,
        boolean upToDate,
        String inputHash,
        String localTag) {}
