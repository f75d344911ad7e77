package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.build.ImagesIndex;
import io.github.mikrotiktailscale.docker.ProcessExec;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.release.GitRepository;
import io.github.mikrotiktailscale.release.ReleaseVersion;
import io.github.mikrotiktailscale.release.TagDecision;
import java.io.File;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The whole release in one command, run in the image project: decide the tag, then generate →
 * build (labelled with the tag) → verify-size → smoke → tag → publish → push the tag, stopping at
 * the first failure. Nothing is tagged or published after a failed step, and a tag made by a failed
 * release is removed again. Each step is the plugin's own goal with the project's configuration.
 *
 * @since 0.1.0
 */
@Mojo(name = "release", threadSafe = true)
public class ReleaseMojo extends AbstractTailscaleMojo {

    /** The goals a release may run before tagging. */
    static final List<String> KNOWN_STEPS = List.of("generate", "build", "verify-size", "smoke");

    /**
     * The Tailscale release the image project pins.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.version", required = true)
    protected String tailscaleVersion;

    /**
     * {@code next} releases the next mt.N on the current Tailscale version.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.revision")
    protected String revision;

    /**
     * Prints the plan (what would be built, tagged and pushed) and changes nothing.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /**
     * Pushes the tag to {@code gitRemote} once the image is published.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.pushTag", defaultValue = "true")
    protected boolean pushTag;

    /**
     * The git remote the tag is pushed to.
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

    /**
     * Where the release is published ({@code registry/namespace/name}); the publish step uses the same
     * parameter.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.image")
    protected String image;

    /**
     * The goals run before anything is tagged, in order, comma-separated: by default generate, build,
     * verify-size and smoke, so nothing is released that does not fit or does not work.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.releaseSteps", defaultValue = "generate,build,verify-size,smoke")
    protected List<String> releaseSteps;

    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    protected File basedir;

    @Parameter(defaultValue = "${project.build.directory}/images", readonly = true)
    protected File imagesDirectory;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    protected PluginDescriptor plugin;

    private final LifecycleExecutor lifecycle;
    private final BuildPluginManager plugins;

    @Inject
    public ReleaseMojo(LifecycleExecutor lifecycle, BuildPluginManager plugins) {
        this.lifecycle = lifecycle;
        this.plugins = plugins;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException, ConfigurationException {
        try {
            var git = new GitRepository(new ProcessExec(), basedir.toPath(), gitCommand);
            var mode = TagMojo.mode(revision, false);
            var decision = dryRun ? ReleaseSteps.decideTagIgnoringChanges(git, tailscaleVersion, mode, getLog()::warn)
                    : ReleaseSteps.decideTag(git, tailscaleVersion, mode);
            var release = decision.release().orElseThrow();
            var head = git.head().substring(0, 12);
            var create = decision instanceof TagDecision.Create;
            getLog().info("Release " + release + (create ? " (a new tag on " + head + ")" : " (HEAD " + head
                    + " is already tagged)") + (dryRun ? ": dry run, nothing is built, tagged or pushed" : ""));
            // Every step below reads the release version from here: the images carry it as their label.
            session.getUserProperties().setProperty("tailscale.imageVersion", release.tag());

            var steps = checkedSteps();
            if (dryRun) {
                plan(release, create, steps);
                return;
            }
            for (var goal : steps) {
                step(goal);
            }
            if (create) {
                git.createAnnotatedTag(release.tag(), ReleaseSteps.tagMessage(release));
                getLog().info("Created tag " + release + " on " + head);
            }
            try {
                step("publish");
            } catch (MojoExecutionException | MojoFailureException | RuntimeException e) {
                if (create) {
                    git.deleteTag(release.tag());
                    getLog().error("Removed the tag " + release + " again: the release did not complete.");
                }
                throw e;
            }
            if (pushTag) {
                git.pushTag(gitRemote, release.tag());
                getLog().info("Pushed " + release + " to " + gitRemote);
            }
        } catch (EnvironmentException e) {
            throw new MojoExecutionException(e.describe(), e);
        }
    }

    private List<String> checkedSteps() throws ConfigurationException {
        var steps = releaseSteps.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        var unknown = steps.stream().filter(s -> !KNOWN_STEPS.contains(s)).toList();
        if (!unknown.isEmpty() || !steps.contains("build")) {
            throw new ConfigurationException(new io.github.mikrotiktailscale.problem.Problem("releaseSteps",
                    unknown.isEmpty() ? "a release must build its images." : "unknown steps " + unknown + ".",
                    "Use some of " + KNOWN_STEPS + " in that order; build is required."));
        }
        return steps;
    }

    private void plan(ReleaseVersion release, boolean create, List<String> steps)
            throws MojoExecutionException, MojoFailureException {
        if (steps.contains("generate")) {
            step("generate");
        }
        getLog().info("Would build amd64, arm64 and armv7 (tailscale:build), labelled " + release);
        if (steps.contains("verify-size")) {
            getLog().info("Would check their sizes against the budgets (tailscale:verify-size)");
        }
        if (steps.contains("smoke")) {
            getLog().info("Would run them and form a tailnet of two on loopback (tailscale:smoke)");
        }
        getLog().info(create ? "Would create the annotated tag " + release + " on HEAD"
                : "Would use the existing tag " + release);
        if (hasImagesOf(release)) {
            step("publish");
        } else {
            var where = image == null || image.isBlank() ? "" : image.trim();
            getLog().info("Would publish the three images as one manifest list " + where + ":" + release
                    + ", check it from the registry, then point " + where + ":stable at it (digests are known once built;"
                    + " build with -Dtailscale.imageVersion=" + release + " to see every push)");
        }
        if (pushTag) {
            getLog().info("Would push the tag " + release + " to " + gitRemote);
        }
    }

    private boolean hasImagesOf(ReleaseVersion release) {
        try {
            return ImagesIndex.read(imagesDirectory.toPath()).imageVersion().equals(release.tag());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Runs one of this plugin's goals with the project's configuration, as if typed on the command line. */
    private void step(String goal) throws MojoExecutionException, MojoFailureException {
        getLog().info("--- release step: " + goal);
        var task = plugin.getGroupId() + ":" + plugin.getArtifactId() + ":" + plugin.getVersion() + ":" + goal;
        try {
            var plan = lifecycle.calculateExecutionPlan(session, task);
            for (var execution : plan.getMojoExecutions()) {
                plugins.executeMojo(session, execution);
            }
        } catch (MojoExecutionException | MojoFailureException e) {
            throw e;
        } catch (Exception e) {
            throw new MojoExecutionException("The release step " + goal + " could not run: " + e.getMessage(), e);
        }
    }
}
