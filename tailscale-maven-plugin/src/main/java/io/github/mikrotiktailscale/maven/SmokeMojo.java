package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.configuration.GoalSkips;
import io.github.mikrotiktailscale.build.GoEnvironment;
import io.github.mikrotiktailscale.docker.ProcessExec;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.smoke.MemoryBudget;
import io.github.mikrotiktailscale.smoke.SmokeReportWriter;
import io.github.mikrotiktailscale.smoke.SmokeRun;
import io.github.mikrotiktailscale.smoke.SmokeSettings;
import io.github.mikrotiktailscale.workspace.GoalFiles;
import java.io.File;
import java.time.Duration;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the built images as routers would and fails, naming the likely cause, when one does not
 * work. Every platform's image (foreign ones under QEMU) must report the pinned Tailscale version
 * as {@code tailscale} and {@code tailscaled} and start its daemon. On the engine's own platform
 * two nodes then form a tailnet on a private network of containers (a
 * Tailscale test control server with DERP and STUN, a test host behind node A): they join
 * unattended through the TS_* variables, node A shares a subnet and is node B's exit node, and the
 * run checks MagicDNS, exit-node DNS, a restart, the log volume and what is written to the state
 * volume. Writes {@code smoke-report.json} and {@code smoke-report.md} next to the images.
 *
 * <p>Needs a local, rootful Docker engine on Linux: containers with {@code /dev/net/tun} and
 * NET_ADMIN, and one short-lived container in the host's PID namespace with SYS_ADMIN that wires
 * the containers' namespaces together. Nothing touches the host's own network.
 *
 * @since 0.1.0
 */
@Mojo(name = "smoke", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class SmokeMojo extends AbstractDockerMojo {

    /**
     * Skips the smoke test only: {@code mvn verify -Dtailscale.smoke.skip} builds the images and checks their sizes.
     *
     * @since 0.1.0
     */
    @Parameter(property = GoalSkips.SMOKE, defaultValue = "false")
    protected boolean skipSmoke;

    @Override
    protected java.util.Optional<String> skippedBy() {
        return skippedBy(skipSmoke, GoalSkips.SMOKE);
    }

    /**
     * The Tailscale release the images must report, as its tag ({@code v1.98.3}). Empty accepts
     * whatever version they report.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.version")
    protected String tailscaleVersion;

    /**
     * The image with Go that compiles the smoke test's harness (a small Go program with Tailscale's
     * test control server); by default the image build's builder. Only the tailnet part needs it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.builderImage")
    protected String builderImage;

    /**
     * The image build's busybox stage image: recorded in the smoke report with the builder image, as
     * the bases the tested images were made from (publish compares them with the bases CI tested).
     *
     * @since 0.2.0
     */
    @Parameter(property = "tailscale.busyboxImage")
    protected String busyboxImage;

    /**
     * Runs the tailnet part (two nodes, control server, about three minutes). {@code false} runs only
     * the per-platform checks.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.smoke.tailnet", defaultValue = "true")
    protected boolean tailnet;

    /**
     * How long peers come and go while the writes to node A's volume and the nodes' log lines are
     * counted, in seconds.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.smoke.window", defaultValue = "120")
    protected int windowSeconds;

    /**
     * The feature list the generate goal wrote for the image; with it, a failed check names the
     * feature the image really lacks. A missing file is fine.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.smoke.featuresFile",
            defaultValue = "${project.build.directory}/" + GoalFiles.CONTEXT_DIRECTORY + "/" + GoalFiles.FEATURES_LIST)
    protected File featuresFile;

    /**
     * The most the memory figures may show, as {@code memory.<state>.<value>[.<node>]=<size>}, several
     * separated by commas: {@code memory.underLoad.rss=32MB} fails the run when a daemon's RSS under
     * load exceeds 32 MB (1000-based; MiB for 1024-based). States: {@code loggedOut}, {@code joined},
     * {@code afterChurn}, {@code underLoad}, {@code cliPeak}, {@code runPeak}; values: {@code rss},
     * {@code rssAnon}, {@code rssFile}, {@code cgroup} (the container's cgroup), and at
     * {@code cliPeak} {@code cliRss} and {@code containerRss}; without a node the budget holds every
     * node. A budgeted figure that could not be measured fails the run too. Empty: no budget.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.smoke.memoryBudget")
    protected String memoryBudget;

    /**
     * Where the harness sources and binary are kept between runs.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.smoke.workDirectory", defaultValue = "${project.build.directory}/smoke")
    protected File workDirectory;

    @Override
    protected void runWithDocker() throws MojoFailureException, ConfigurationException, EnvironmentException,
            InterruptedException {
        var settings = new SmokeSettings(imagesDirectory.toPath(), workDirectory.toPath(), dockerCommand,
                tailscaleVersion, builderImage, GoEnvironment.ofThisProcess(), tailnet, Duration.ofSeconds(windowSeconds),
                GoalFiles.readFeatures(featuresFile == null ? null : featuresFile.toPath(), new MavenProgressLog(getLog())),
                MemoryBudget.parse(memoryBudget, "memoryBudget (tailscale.smoke.memoryBudget)"),
                java.util.stream.Stream.of(builderImage, busyboxImage).filter(i -> i != null && !i.isBlank()).toList());
        var log = getLog();
        var report = new SmokeRun(new ProcessExec(), dockerCommand, new MavenProgressLog(log)).run(settings);
        report.figures().forEach(f -> log.info(String.format("%-34s %14s  %s", f.name(), f.formatted(), f.what())));
        report.notes().forEach(note -> log.info("Note: " + note));
        var reports = imagesDirectory.toPath().resolve(SmokeReportWriter.MARKDOWN_FILE);
        log.info(String.format("Smoke test %s in %.0f s. Reports: %s and %s", report.passed() ? "passed" : "failed",
                report.seconds(), reports, SmokeReportWriter.JSON_FILE));
        if (!report.passed()) {
            throw new MojoFailureException(report.failureText(reports));
        }
    }
}
