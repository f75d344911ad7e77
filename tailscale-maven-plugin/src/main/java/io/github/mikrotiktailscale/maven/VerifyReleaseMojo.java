package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.image.Platforms;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.release.ImagePublisher;
import io.github.mikrotiktailscale.release.ImageReference;
import io.github.mikrotiktailscale.release.Publishable;
import io.github.mikrotiktailscale.release.ReleaseComparison;
import io.github.mikrotiktailscale.workspace.GoalFiles;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Checks a published release against images built here from its tag: prepares them exactly as
 * publish would (same SOURCE_DATE_EPOCH, same layer rewriting) and compares the manifest list, each
 * platform's manifest and, where one differs, its config and layers with what the registry serves.
 * Prints one line per platform and fails on any difference. Pushes nothing; needs no credentials
 * for a public image. {@code .ci/rebuild-release.sh <tag> <image>} checks out the tag and runs it.
 *
 * @since 0.2.0
 */
@Mojo(name = "verify-release", threadSafe = true)
public class VerifyReleaseMojo extends AbstractRegistryMojo {

    @Inject
    public VerifyReleaseMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void runWithDocker()
            throws MojoExecutionException, MojoFailureException, ConfigurationException, EnvironmentException {
        var reference = ImageReference.parse(image, insecureRegistry);
        var index = GoalFiles.readImages(imagesDirectory.toPath());
        var release = Publishable.release(index, imageVersion, Platforms.parse(platforms), imagesDirectory.toPath());
        var client = registryClient(reference, true);
        var progress = new MavenProgressLog(getLog());
        var local = new ImagePublisher(client, buildDirectory.toPath().resolve("verify-release"), progress, sourceDate())
                .prepare(release.tag(), index.builds());
        var result = new ReleaseComparison(client).compare(release.tag(), local);
        getLog().info("Rebuilt " + release + " against " + reference.withTag(release.tag()) + ":");
        for (var platform : result.platforms()) {
            if (platform.matches()) {
                getLog().info("  " + platform.describe());
            } else {
                getLog().error("  " + platform.describe());
            }
        }
        var list = result.localIndex().equals(result.registryIndex()) ? "match (" + result.localIndex() + ")"
                : "differs: " + result.localIndex() + " here, " + result.registryIndex() + " in the registry";
        getLog().info("  manifest list: " + list);
        if (!result.matches()) {
            throw new MojoFailureException("The rebuild of " + release + " differs from "
                    + reference.withTag(release.tag()) + " (see the lines above). Check that the same tag, the"
                    + " same platforms and the bases of docs/DESIGN.md were used; if they were, what the registry"
                    + " serves is not what this commit builds.");
        }
        getLog().info(reference.withTag(release.tag()) + " is exactly what " + release + " builds: "
                + result.registryIndex());
    }
}
