package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.feature.FeatureTable;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.workspace.GoalFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists every feature of the Tailscale release: in or out of the image, chosen or pulled in (and
 * by what), its description and the project's reason. Also writes it as Markdown.
 *
 * @since 0.1.0
 */
@Mojo(name = "features", threadSafe = true)
public class FeaturesMojo extends AbstractImageMojo {

    /**
     * The Markdown file the table is written to.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.featuresReport",
            defaultValue = "${project.build.directory}/" + GoalFiles.CONTEXT_DIRECTORY + "/" + GoalFiles.FEATURES_REPORT)
    protected File featuresReport;

    @Override
    protected void run() throws MojoExecutionException, ConfigurationException {
        var spec = imageSpec();
        var resolved = spec.features();
        int width = resolved.catalog().names().stream().mapToInt(String::length).max().orElse(10);
        getLog().info("Tailscale " + spec.tailscaleVersion() + " features (catalogue "
                + resolved.catalog().minorLine() + "): " + resolved.allowlist().size() + " in, "
                + (resolved.catalog().names().size() - resolved.allowlist().size()) + " out");
        for (var status : resolved.statuses()) {
            var line = String.format("  %s %-" + width + "s  %-28s %s", status.kept() ? "+" : "-", status.name(),
                    FeatureTable.origin(status), status.feature().description());
            getLog().info(line);
            if (!status.reason().isEmpty()) {
                getLog().info("  " + " ".repeat(width + 2) + "reason: " + status.reason());
            }
        }
        try {
            Files.createDirectories(featuresReport.toPath().toAbsolutePath().getParent());
            Files.writeString(featuresReport.toPath(), FeatureTable.markdown(resolved, spec.tailscaleVersion().tag()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + featuresReport + ": " + e.getMessage(), e);
        }
        getLog().info("Written to " + featuresReport);
    }
}
