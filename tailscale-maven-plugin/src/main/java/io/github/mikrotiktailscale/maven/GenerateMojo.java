package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.configuration.GoalSkips;
import io.github.mikrotiktailscale.archive.ComponentPaths;
import io.github.mikrotiktailscale.archive.ImageExpectations;
import io.github.mikrotiktailscale.dockerfile.DockerfileRenderer;
import io.github.mikrotiktailscale.feature.FeatureTable;
import io.github.mikrotiktailscale.image.ImageSpec;
import io.github.mikrotiktailscale.image.TrustStore;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Validates the image configuration, resolves the Tailscale features and writes the build
 * context: the generated multi-stage Dockerfile and the files it copies.
 *
 * @since 0.1.0
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractImageMojo {

    /**
     * Skips this goal only; the build then uses the context an earlier run wrote.
     *
     * @since 0.1.0
     */
    @Parameter(property = GoalSkips.GENERATE, defaultValue = "false")
    protected boolean skipGenerate;

    @Override
    protected java.util.Optional<String> skippedBy() {
        return skippedBy(skipGenerate, GoalSkips.GENERATE);
    }

    /** The report written next to the context; {@link DockerfileRenderer} keeps it out of the build. */
    static final String FEATURES_REPORT = "features.md";

    /**
     * Where the build context is written.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.outputDirectory", defaultValue = "${project.build.directory}/tailscale-image")
    protected File outputDirectory;

    @Override
    protected void run() throws MojoExecutionException, ConfigurationException {
        var spec = imageSpec();
        var context = DockerfileRenderer.render(spec);
        try {
            context.writeTo(outputDirectory.toPath(), Set.of(FEATURES_REPORT, ImageExpectations.FILE));
            Files.writeString(outputDirectory.toPath().resolve(FEATURES_REPORT),
                    FeatureTable.markdown(spec.features(), spec.tailscaleVersion().tag()), StandardCharsets.UTF_8);
            expectations(spec).write(outputDirectory.toPath().resolve(ImageExpectations.FILE));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the build context to " + outputDirectory + ": "
                    + e.getMessage() + ". Check that the directory is writable and the disk has room.", e);
        }
        FeatureTable.summary(spec.features()).forEach(getLog()::info);
        getLog().info("Build context for Tailscale " + spec.tailscaleVersion() + " written to " + outputDirectory);
    }

    /** What the verify-size goal checks the built image against. */
    static ImageExpectations expectations(ImageSpec spec) {
        var paths = ComponentPaths.STANDARD.withCaBundle(
                spec.trustStore() == TrustStore.SYSTEM ? DockerfileRenderer.CA_BUNDLE : "");
        return new ImageExpectations(List.of(DockerfileRenderer.ENTRYPOINT), spec.daemon().arguments(),
                List.of(spec.daemon().stateDirectory()), paths, true);
    }
}
