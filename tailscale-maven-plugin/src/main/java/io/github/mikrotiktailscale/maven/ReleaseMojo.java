package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.build.ImagesIndex;
import io.github.mikrotiktailscale.docker.ProcessExec;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.release.GitRepository;
import io.github.mikrotiktailscale.release.ReleasePlan;
import io.github.mikrotiktailscale.release.ReleaseStepList;
import io.github.mikrotiktailscale.release.ReleaseTagging;
import io.github.mikrotiktailscale.release.TagMode;
import io.github.mikrotiktailscale.release.TagDecision;
import java.io.File;
import io.github.mikrotiktailscale.configuration.GoalSkips;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
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

    private final LifecycleExecutor lifecycle;
    private final BuildPluginManager plugins;

    @Inject
    public ReleaseMojo(LifecycleExecutor lifecycle, BuildPluginManager plugins) {
        this.lifecycle = lifecycle;
        this.plugins = plugins;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException, ConfigurationException {
        var steps = ReleaseStepList.parse(releaseSteps);
        GoalSkips.refuseInRelease(steps, property -> Boolean.parseBoolean(session.getUserProperties()
                .getProperty(property, session.getSystemProperties().getProperty(property, "false"))));
        try {
            var git = new GitRepository(new ProcessExec(), basedir.toPath(), gitCommand);
            var tagging = new ReleaseTagging(git, new MavenProgressLog(getLog()));
            var mode = TagMode.of(revision, false);
            var decision = dryRun ? tagging.decideIgnoringChanges(tailscaleVersion, mode)
                    : tagging.decide(tailscaleVersion, mode);
            var release = decision.release().orElseThrow();
            var head = git.head().substring(0, 12);
            var create = decision instanceof TagDecision.Create;
            getLog().info("Release " + release + (create ? " (a new tag on " + head + ")" : " (HEAD " + head
                    + " is already tagged)") + (dryRun ? ": dry run, nothing is built, tagged or pushed" : ""));
            // Every step below reads the release version from here: the images carry it as their label.
            session.getUserProperties().setProperty("tailscale.imageVersion", release.tag());
            if (dryRun) {
                plan(new ReleasePlan(release, create, steps, image, ImagesIndex.builtAs(imagesDirectory.toPath(),
                        release.tag()), pushTag, gitRemote));
                return;
            }
            for (var goal : steps) {
                step(goal);
            }
            if (create) {
                git.createAnnotatedTag(release.tag(), ReleaseTagging.message(release));
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

    private void plan(ReleasePlan plan) throws MojoExecutionException, MojoFailureException {
        if (plan.steps().contains("generate")) {
            step("generate");
        }
        plan.beforePublish().forEach(getLog()::info);
        if (plan.imagesBuilt()) {
            step("publish");
        }
        plan.afterPublish().forEach(getLog()::info);
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
