package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.canary.BuilderGo;
import io.github.mikrotiktailscale.canary.BuildResults;
import io.github.mikrotiktailscale.canary.BundledCatalogues;
import io.github.mikrotiktailscale.canary.Canary;
import io.github.mikrotiktailscale.canary.CanaryReport;
import io.github.mikrotiktailscale.canary.CanaryReportWriter;
import io.github.mikrotiktailscale.feature.TailscaleVersion;
import io.github.mikrotiktailscale.gomodule.GoVersion;
import io.github.mikrotiktailscale.gomodule.ModuleProxy;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The upgrade canary: tries the newest stable Tailscale (or {@code canaryVersion}) against this
 * project. Step {@code checks}: the fast checks, before anything is compiled. Step
 * {@code results}: adds what the real build of that version left behind. Writes
 * {@code target/canary/report.{md,json}} and fails when the bump would not pass.
 * {@code .ci/canary.sh} runs both steps and the build between them.
 *
 * @since 0.1.0
 */
@Mojo(name = "canary", threadSafe = true)
public class CanaryMojo extends AbstractImageMojo {

    /**
     * The release to try; the newest stable one the module proxy lists when empty.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.canary.version")
    protected String canaryVersion;

    /**
     * {@code checks} or {@code results}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.canary.step", defaultValue = "checks")
    protected String canaryStep;

    /**
     * The Go releases the build machines can have, comma-separated: {@code 1.26.8,1.27.3}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.canary.obtainableGo", required = true)
    protected List<String> obtainableGo = new ArrayList<>();

    /**
     * The Go the builder image is made with, for when the image is not on the engine (go.version).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.canary.builderGo")
    protected String builderGo;

    /**
     * {@code generate.sh} of the feature catalogues, for a minor line the plugin has none for.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.canary.catalogueGenerator")
    protected File catalogueGenerator;

    /**
     * Where report.md and report.json (and a generated catalogue, the release's unpacked source) go.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.canary.directory", defaultValue = "${project.build.directory}/canary")
    protected File canaryDirectory;

    /**
     * Where the real build left its logs and reports (step {@code results}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.imagesDirectory", defaultValue = "${project.build.directory}/images")
    protected File imagesDirectory;

    /**
     * The real build's exit code (step {@code results}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.canary.buildExit", defaultValue = "0")
    protected int buildExit;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException, ConfigurationException {
        var directory = canaryDirectory.toPath();
        try {
            CanaryReport report;
            if ("results".equals(canaryStep)) {
                var spec = imageSpec();
                report = CanaryReportWriter.read(directory).withBuild(BuildResults.classify(imagesDirectory.toPath(),
                        buildExit, spec.patches(), spec.sourceFiles()));
            } else if ("checks".equals(canaryStep)) {
                report = checks(directory);
            } else {
                throw new ConfigurationException(new Problem("canaryStep", "unknown step '" + canaryStep + "'.",
                        "Use checks (before the build) or results (after it)."));
            }
            CanaryReportWriter.write(report, directory);
            report.breaks().forEach(b -> getLog().warn(b.kind().title() + ": " + b.subject() + ": " + b.detail()));
            getLog().info("Canary report: " + directory.resolve(CanaryReportWriter.MARKDOWN_FILE));
            if (!report.passed()) {
                throw new MojoFailureException("Tailscale " + report.tailscaleVersion() + " would not pass: "
                        + report.breaks().size() + " break(s), see " + directory.resolve(CanaryReportWriter.MARKDOWN_FILE));
            }
        } catch (IOException e) {
            throw new MojoExecutionException("The canary could not finish: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted.", e);
        }
    }

    private CanaryReport checks(java.nio.file.Path directory)
            throws ConfigurationException, IOException, InterruptedException, MojoExecutionException {
        var spec = imageSpec();
        var proxy = ModuleProxy.fromEnvironment();
        var canary = new Canary(proxy, new BundledCatalogues(catalogueGenerator == null ? null
                : catalogueGenerator.toPath(), directory.resolve("catalog")), directory, getLog()::info);
        var version = canaryVersion == null || canaryVersion.isBlank() ? canary.newestStable()
                : TailscaleVersion.parse(canaryVersion);
        if (version.isEmpty()) {
            throw new MojoExecutionException(canaryVersion == null || canaryVersion.isBlank()
                    ? "The module proxy " + proxy.bases() + " lists no stable Tailscale release."
                    : "'" + canaryVersion + "' is not a Tailscale release version (vMAJOR.MINOR.PATCH).");
        }
        getLog().info("Upgrade canary: Tailscale " + version.get() + " against the pinned " + spec.tailscaleVersion());
        var go = BuilderGo.toolchains(spec.builderImage().reference(), Optional.ofNullable(builderGo)
                .flatMap(GoVersion::parse), "go.version " + builderGo, obtainable());
        return canary.check(Canary.Project.of(spec, go), version.get());
    }

    private List<GoVersion> obtainable() throws ConfigurationException {
        var versions = new ArrayList<GoVersion>();
        for (var text : obtainableGo.stream().flatMap(s -> List.of(s.split(",")).stream()).map(String::trim)
                .filter(s -> !s.isEmpty()).toList()) {
            versions.add(GoVersion.parse(text).orElseThrow(() -> new ConfigurationException(new Problem("obtainableGo",
                    "'" + text + "' is not a Go release.", "Give releases such as 1.26.8,1.27.3."))));
        }
        return versions;
    }
}
