package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.configuration.GoalSkips;
import io.github.mikrotiktailscale.build.BuildSettings;
import io.github.mikrotiktailscale.build.GoEnvironment;
import io.github.mikrotiktailscale.build.GoToolchainCheck;
import io.github.mikrotiktailscale.gomodule.ModuleProxy;
import io.github.mikrotiktailscale.build.ImageBuilder;
import io.github.mikrotiktailscale.docker.Buildx;
import io.github.mikrotiktailscale.docker.DockerEngine;
import io.github.mikrotiktailscale.docker.Preflight;
import io.github.mikrotiktailscale.docker.ProcessExec;
import io.github.mikrotiktailscale.docker.DockerfileFacts;
import io.github.mikrotiktailscale.image.Platforms;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.problem.Problem;
import io.github.mikrotiktailscale.workspace.GoalFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds the image for every selected platform with {@code docker buildx} and writes one
 * docker-archive per platform ({@code amd64.tar}, {@code arm64.tar}, {@code armv7.tar}: what
 * RouterOS imports with {@code /container/add file=}) and {@code images.json}.
 *
 * @since 0.1.0
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildMojo extends AbstractDockerMojo {

    /**
     * Skips this goal only; later goals then use the archives an earlier build saved.
     *
     * @since 0.1.0
     */
    @Parameter(property = GoalSkips.BUILD, defaultValue = "false")
    protected boolean skipBuild;

    @Override
    protected java.util.Optional<String> skippedBy() {
        return skippedBy(skipBuild, GoalSkips.BUILD);
    }

    /**
     * The platforms to build, comma-separated, as short ({@code amd64}, {@code arm64}, {@code armv7})
     * or Docker names ({@code linux/arm/v7}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.platforms", defaultValue = "amd64,arm64,armv7")
    protected String platforms;

    /**
     * The build context: by default the one the generate goal writes.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.contextDirectory",
            defaultValue = "${project.build.directory}/" + GoalFiles.CONTEXT_DIRECTORY)
    protected File contextDirectory;

    /**
     * A Dockerfile of your own instead of the generated one (an escape hatch); its context is
     * {@code contextDirectory}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.dockerfile")
    protected File dockerfile;

    /**
     * The local repository the built images are tagged with: {@code <imageName>:<imageVersion>-<platform>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.imageName", defaultValue = "${project.artifactId}")
    protected String imageName;

    /**
     * The image's version: the release tag when releasing, {@code dev} otherwise. Passed as the
     * {@code OCI_VERSION} build argument, which becomes the {@code org.opencontainers.image.version} label.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.imageVersion", defaultValue = "dev")
    protected String imageVersion;

    /**
     * Further build arguments.
     *
     * @since 0.1.0
     */
    @Parameter
    protected Map<String, String> buildArgs = new HashMap<>();

    /**
     * buildx {@code --network} for RUN steps. {@code auto} uses {@code host} when the engine has no
     * bridge network and the builder's default otherwise; empty always uses the default.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.network", defaultValue = BuildSettings.AUTO_NETWORK)
    protected String network;

    /**
     * The buildx builder ({@code --builder}); empty for the active one. A builder with the
     * {@code docker-container} or {@code remote} driver writes the archives directly. With several
     * nodes (remote BuildKit daemons), each platform goes to the node that declares it, the nodes
     * build at the same time, and {@code images.json} records the node that built each platform.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.builder")
    protected String builder;

    /**
     * Builds without the layer cache ({@code --no-cache}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.noCache", defaultValue = "false")
    protected boolean noCache;

    /**
     * Pulls base images again even when present ({@code --pull}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.pull", defaultValue = "false")
    protected boolean pull;

    /**
     * Rebuilds platforms whose inputs have not changed since their last build. (Moving {@code :stable}
     * back to an older release is {@code tailscale.rollbackStable}, a parameter of publish.)
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.force", defaultValue = "false")
    protected boolean force;

    /**
     * Builds the platforms at the same time instead of one after another.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.parallel", defaultValue = "false")
    protected boolean parallel;

    /**
     * The project's own way to build when its pinned base images cannot be pulled (no Docker Hub),
     * named first when a pull fails: for example {@code add -Plocal-bases}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.baseImageFallback")
    protected String baseImageFallback;

    @Override
    protected void runWithDocker() throws ConfigurationException, EnvironmentException, InterruptedException {
        var selected = Platforms.parse(platforms);
        var context = contextDirectory.toPath();
        if (!Files.isDirectory(context)) {
            throw new ConfigurationException(new Problem("contextDirectory", "the build context " + context
                    + " does not exist.", "Run the generate goal first ('mvn package' runs it), or point"
                    + " -Dtailscale.contextDirectory at your own context."));
        }
        var dockerfilePath = dockerfile == null ? null : dockerfile.toPath();
        var dockerfileText = readDockerfile(dockerfilePath == null ? context.resolve("Dockerfile") : dockerfilePath);
        var settings = new BuildSettings(context, dockerfilePath, selected, arguments(dockerfilePath == null), network,
                builder, noCache, pull, force, parallel, imagesDirectory.toPath(), imageName, imageVersion,
                DockerfileFacts.read(dockerfileText), baseImageFallback);

        var buildx = new Buildx(new ProcessExec(), dockerCommand);
        var builderInfo = Preflight.inspectInBackground(buildx, settings.builder());
        try (var engine = DockerEngine.connect()) {
            ImageBuilder.PreflightCheck preflight = () -> {
                var report = Preflight.check(builderInfo, engine, selected, settings.targetStagesRun());
                getLog().info(report.describe());
                GoToolchainCheck.verify(settings.dockerfileFacts(), GoToolchainCheck.sources(ModuleProxy.fromEnvironment(),
                        engine)).ifPresent(found -> getLog().info(found.describe()));
                return report;
            };
            new ImageBuilder(buildx, engine, new MavenProgressLog(getLog())).build(settings, preflight).render()
                    .forEach(getLog()::info);
            getLog().info("Archives and images.json in " + imagesDirectory);
        }
    }

    private TreeMap<String, String> arguments(boolean generatedContext) {
        var args = new TreeMap<String, String>();
        if (generatedContext) {
            args.putAll(GoEnvironment.ofThisProcess());
        }
        args.putAll(buildArgs);
        args.put("OCI_VERSION", imageVersion);
        return args;
    }

    private static String readDockerfile(java.nio.file.Path file) throws ConfigurationException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException(new Problem("dockerfile", "cannot read " + file + ": " + e.getMessage() + ".",
                    "Run the generate goal first, or point -Dtailscale.dockerfile at an existing Dockerfile."));
        }
    }
}
