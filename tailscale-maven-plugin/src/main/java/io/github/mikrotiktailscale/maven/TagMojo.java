package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.configuration.GoalSkips;
import io.github.mikrotiktailscale.docker.ProcessExec;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.release.GitRepository;
import io.github.mikrotiktailscale.release.ReleaseTagging;
import io.github.mikrotiktailscale.release.TagMode;
import io.github.mikrotiktailscale.workspace.GoalFiles;
import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Tags the release in git: {@code v<tailscale>-mt.<N>}, an annotated tag on HEAD. mt.1 for a new
 * Tailscale version, the next mt.N with {@code -Dtailscale.revision=next}; with
 * {@code -Dtailscale.autoTag} (CI on every push) only mt.1, and nothing when the version is
 * already released. Pushing the tag is a separate, explicit step ({@code -Dtailscale.pushTag}).
 * {@code -Dtailscale.dryRun} says what it would do and changes nothing.
 *
 * @since 0.1.0
 */
@Mojo(name = "tag", threadSafe = true)
public class TagMojo extends AbstractTailscaleMojo {

    /**
     * Skips this goal only.
     *
     * @since 0.1.0
     */
    @Parameter(property = GoalSkips.TAG, defaultValue = "false")
    protected boolean skipTag;

    @Override
    protected java.util.Optional<String> skippedBy() {
        return skippedBy(skipTag, GoalSkips.TAG);
    }

    /**
     * The Tailscale release the image project pins; its part of the tag.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.version", required = true)
    protected String tailscaleVersion;

    /**
     * {@code next} releases the next mt.N on the current Tailscale version: a deliberate fix.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.revision")
    protected String revision;

    /**
     * What CI runs on every push to main: creates mt.1 when the Tailscale version is new, otherwise
     * does nothing; never creates mt.2 or later.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.autoTag", defaultValue = "false")
    protected boolean autoTag;

    /**
     * Pushes the tag to {@code gitRemote} after creating it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.pushTag", defaultValue = "false")
    protected boolean pushTag;

    /**
     * The git remote tags are pushed to.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.gitRemote", defaultValue = "origin")
    protected String gitRemote;

    /**
     * The git executable.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.gitCommand", defaultValue = "git")
    protected String gitCommand;

    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    protected File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    protected File buildDirectory;

    /**
     * Says which tag would be created (and pushed) and changes nothing: no tag, no push, no file.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.dryRun", defaultValue = "false")
    protected boolean dryRun;

    @Override
    protected void run() throws MojoExecutionException, ConfigurationException {
        try {
            var git = new GitRepository(new ProcessExec(), basedir.toPath(), gitCommand);
            new ReleaseTagging(git, new MavenProgressLog(getLog())).tag(new ReleaseTagging.Request(tailscaleVersion,
                    TagMode.of(revision, autoTag), pushTag, gitRemote, dryRun, buildDirectory.toPath().resolve(GoalFiles.TAG_FILE)));
        } catch (EnvironmentException e) {
            throw new MojoExecutionException(e.describe(), e);
        }
    }
}
