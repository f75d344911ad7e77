package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.build.ImagesIndex;
import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/** Whether built images can be published as a release: a release version, built as that version, every platform. */
public final class Publishable {

    private Publishable() {}

    /**
     * @param requested the version asked for, or empty for the one the images were built as
     * @return the release the images are
     */
    public static ReleaseVersion release(ImagesIndex.Index index, String requested, List<Platform> wanted,
            Path imagesDirectory) throws ConfigurationException {
        var tag = requested == null || requested.isBlank() ? index.imageVersion() : requested.trim();
        var release = ReleaseVersion.parse(tag).orElseThrow(() -> new ConfigurationException(new Problem(
                "imageVersion", "'" + tag + "' is not a release version, so it cannot be published.",
                "Releases are v<tailscale>-mt.<N>: run tailscale:release, or build with"
                        + " -Dtailscale.imageVersion=<tag> after tailscale:tag.")));
        if (!index.imageVersion().equals(tag)) {
            throw new ConfigurationException(new Problem("imageVersion", "the images in " + imagesDirectory
                    + " were built as '" + index.imageVersion() + "', not as " + tag + ": their version label would"
                    + " not match the tag.", "Build them with -Dtailscale.imageVersion=" + tag + " first."));
        }
        var built = index.builds().stream().map(b -> b.platform()).toList();
        if (!new HashSet<>(built).equals(new HashSet<>(wanted))) {
            throw new ConfigurationException(new Problem("platforms", "images.json holds " + built
                    + ", but a release holds exactly " + new HashSet<>(wanted) + ".", "Build all of them: mvn package"
                    + " -Dtailscale.imageVersion=" + tag + "."));
        }
        return release;
    }
}
