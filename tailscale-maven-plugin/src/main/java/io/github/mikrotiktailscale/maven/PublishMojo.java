package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.configuration.GoalSkips;
import io.github.mikrotiktailscale.image.Platforms;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.release.ImagePublisher;
import io.github.mikrotiktailscale.release.ImageReference;
import io.github.mikrotiktailscale.release.ReleaseReport;
import io.github.mikrotiktailscale.release.Publishable;
import io.github.mikrotiktailscale.release.TestedImages;
import io.github.mikrotiktailscale.workspace.GoalFiles;
import java.io.File;
import java.io.IOException;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Publishes the built platform images as one multi-arch image (a Docker manifest list, the media
 * type the router's update script asks for) under {@code :<tag>}, checks it from the registry and
 * only then points {@code :stable} at the same digest. Writes {@code release.json}.
 *
 * @since 0.1.0
 */
@Mojo(name = "publish", threadSafe = true)
public class PublishMojo extends AbstractRegistryMojo {

    /**
     * Skips this goal only.
     *
     * @since 0.1.0
     */
    @Parameter(property = GoalSkips.PUBLISH, defaultValue = "false")
    protected boolean skipPublish;

    @Override
    protected java.util.Optional<String> skippedBy() {
        return skippedBy(skipPublish, GoalSkips.PUBLISH);
    }

    /**
     * Moves {@code :stable} even when it carries a newer release: a deliberate rollback of every
     * router that follows it. ({@code tailscale.force} only rebuilds.)
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.rollbackStable", defaultValue = "false")
    protected boolean rollbackStable;

    /**
     * Publishes images the smoke test did not run. By default publish refuses unless
     * {@code smoke-report.json} next to the images passed and ran exactly these archives (the same
     * image ids), so that a release ships what was tested; true only for images that cannot run,
     * such as test fixtures.
     *
     * @since 0.2.0
     */
    @Parameter(property = "tailscale.publishUntested", defaultValue = "false")
    protected boolean publishUntested;

    /**
     * The directory of the pinned base lists CI tests ({@code .ci/bases/pinned}): when set, publish
     * also refuses images whose smoke report names a base image whose identity label is not the hash
     * of one of these lists (a Docker Hub base, or Debian bases made from other package versions).
     * Empty: bases are not checked.
     *
     * @since 0.2.0
     */
    @Parameter(property = "tailscale.testedBases")
    protected File testedBases;

    /**
     * Prints every push it would make and sends nothing.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /**
     * Where the release report is written.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.releaseReport",
            defaultValue = "${project.build.directory}/" + GoalFiles.RELEASE_REPORT)
    protected File releaseReport;

    @Inject
    public PublishMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void runWithDocker() throws MojoExecutionException, ConfigurationException, EnvironmentException {
        var reference = ImageReference.parse(image, insecureRegistry);
        var index = GoalFiles.readImages(imagesDirectory.toPath());
        var release = Publishable.release(index, imageVersion, Platforms.parse(platforms), imagesDirectory.toPath());
        var tag = release.tag();
        var built = index.builds().stream().map(b -> b.platform()).toList();
        if (publishUntested) {
            getLog().warn("Publishing without checking that the smoke test ran these images (publishUntested)");
        } else {
            TestedImages.require(imagesDirectory.toPath(), tag, index.builds(),
                    testedBases == null ? null : testedBases.toPath());
            getLog().info("The smoke test ran exactly these images (" + TestedImages.SMOKE_REPORT + ")");
        }
        var client = registryClient(reference, !dryRun);
        getLog().info((dryRun ? "Planning" : "Publishing") + " " + reference.withTag(tag) + " ("
                + String.join(", ", built.stream().map(p -> p.dockerName()).toList()) + ")");
        var result = new ImagePublisher(client, buildDirectory.toPath().resolve("publish"),
                new MavenProgressLog(getLog()), sourceDate())
                .publish(release, index.builds(), rollbackStable, dryRun);
        if (dryRun) {
            getLog().info("Would write the release report " + releaseReport);
            return;
        }
        try {
            ReleaseReport.write(releaseReport.toPath(), result);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + releaseReport + ": " + e.getMessage(), e);
        }
        getLog().info("Routers following " + reference.withTag(ImagePublisher.STABLE) + " will see "
                + result.indexDigest());
        getLog().info("Release report: " + releaseReport);
    }
}
