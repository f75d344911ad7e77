package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.configuration.GoalSkips;
import io.github.mikrotiktailscale.feature.FeatureTable;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.workspace.GoalFiles;
import java.io.File;
import java.io.IOException;
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

    /**
     * Where the build context is written.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.outputDirectory",
            defaultValue = "${project.build.directory}/" + GoalFiles.CONTEXT_DIRECTORY)
    protected File outputDirectory;

    @Override
    protected void run() throws MojoExecutionException, ConfigurationException {
        var spec = imageSpec();
        try {
            GoalFiles.writeContext(spec, outputDirectory.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the build context to " + outputDirectory + ": "
                    + e.getMessage() + ". Check that the directory is writable and the disk has room.", e);
        }
        FeatureTable.summary(spec.features()).forEach(getLog()::info);
        getLog().info("Build context for Tailscale " + spec.tailscaleVersion() + " written to " + outputDirectory);
    }
}
