package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.archive.ImageArchive;
import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A saved docker-archive, checked to hold an image of the platform asked for before it counts as built. */
final class SavedArchive {

    private SavedArchive() {}

    /** The image's config digest; deletes the archive and fails when it is another platform's image. */
    static String imageId(Path archive, Platform platform) throws EnvironmentException {
        try (var image = ImageArchive.open(archive)) {
            var config = image.config();
            var variantOk = config.variant().equals(platform.variant())
                    || (platform == Platform.ARM64 && config.variant().equals("v8"));
            if (!config.os().equals(platform.os()) || !config.architecture().equals(platform.architecture()) || !variantOk) {
                Files.deleteIfExists(archive);
                throw new EnvironmentException("The image built for " + platform.dockerName() + " is a "
                        + config.platform() + " image.",
                        "A FROM line probably names an image of another platform: tag one base image per platform"
                                + " (FROM base:${TARGETARCH}${TARGETVARIANT}) or use a multi-platform image.");
            }
            return image.configDigest();
        } catch (IOException e) {
            throw new EnvironmentException("The saved archive " + archive + " cannot be read: " + e.getMessage(),
                    "Build again with -Dtailscale.force; if it persists, the disk may be failing or full.", e);
        }
    }
}
