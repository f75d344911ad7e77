package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.docker.ProcessExec;
import io.github.mikrotiktailscale.feature.TailscaleVersion;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.problem.Problem;
import io.github.mikrotiktailscale.release.GitRepository;
import io.github.mikrotiktailscale.release.TagDecision;
import io.github.mikrotiktailscale.release.TagMode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Tags the release in git: {@code v<tailscale>-mt.<N>}, an annotated tag on HEAD. mt.1 for a new
 * Tailscale version, the next mt.N with {@code -Dtailscale.revision=next}; with
 * {@code -Dtailscale.autoTag} (CI on every push) only mt.1, and nothing when the version is
 * already released. Pushing the tag is a separate, explicit step ({@code -Dtailscale.pushTag}).
 *
 * @since 0.1.0
 */
@Mojo(name = "tag", threadSafe = true)
public class TagMojo extends AbstractTailscaleMojo {

    /** File the decided tag is written to, for pipelines. */
    static final String TAG_FILE = "release-tag.txt";

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

    @Override
    protected void run() throws MojoExecutionException, ConfigurationException {
        try {
            var git = new GitRepository(new ProcessExec(), basedir.toPath(), gitCommand);
            var decision = ReleaseSteps.decideTag(git, tailscaleVersion, mode(revision, autoTag));
            if (decision instanceof TagDecision.Skip skip) {
                getLog().info("No release tag: " + skip.reason());
                return;
            }
            var version = decision.release().orElseThrow();
            if (decision instanceof TagDecision.Create) {
                git.createAnnotatedTag(version.tag(), ReleaseSteps.tagMessage(version));
                getLog().info("Created tag " + version + " on " + git.head().substring(0, 12));
            } else {
                getLog().info("HEAD is already tagged " + version + "; using it.");
            }
            record(version.tag());
            if (pushTag) {
                git.pushTag(gitRemote, version.tag());
                getLog().info("Pushed " + version + " to " + gitRemote);
            }
        } catch (EnvironmentException e) {
            throw new MojoExecutionException(e.describe(), e);
        }
    }

    private void record(String tag) throws MojoExecutionException {
        try {
            Files.createDirectories(buildDirectory.toPath());
            Files.writeString(buildDirectory.toPath().resolve(TAG_FILE), tag + "\n");
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + TAG_FILE + ": " + e.getMessage(), e);
        }
    }

    static TagMode mode(String revision, boolean autoTag) throws ConfigurationException {
        if (revision != null && !revision.isBlank() && !revision.trim().equals("next")) {
            throw new ConfigurationException(new Problem("revision", "'" + revision + "' is not a revision choice.",
                    "Use -Dtailscale.revision=next for the next mt.N, or leave it out."));
        }
        boolean next = revision != null && revision.trim().equals("next");
        if (next && autoTag) {
            throw new ConfigurationException(new Problem("autoTag", "automatic tagging never creates mt.2 or later,"
                    + " so it cannot be combined with revision=next.", "Use one or the other."));
        }
        return autoTag ? TagMode.AUTOMATIC : next ? TagMode.NEXT_REVISION : TagMode.DEFAULT;
    }

    static TailscaleVersion pinned(String version) throws ConfigurationException {
        return TailscaleVersion.parse(version).orElseThrow(() -> new ConfigurationException(new Problem(
                "tailscaleVersion", "'" + version + "' is not a Tailscale release version.",
                "Give a release tag such as v1.98.3.")));
    }
}
