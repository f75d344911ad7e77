package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.configuration.GoalSkips;
import io.github.mikrotiktailscale.archive.ImageSize;
import io.github.mikrotiktailscale.archive.ReportWriter;
import io.github.mikrotiktailscale.archive.SizeAnalysis;
import io.github.mikrotiktailscale.archive.SizeBaseline;
import io.github.mikrotiktailscale.archive.SizeFailure;
import io.github.mikrotiktailscale.archive.SizeFindings;
import io.github.mikrotiktailscale.archive.SizeReport;
import io.github.mikrotiktailscale.archive.SizeTable;
import io.github.mikrotiktailscale.configuration.SizeBudgets;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import io.github.mikrotiktailscale.workspace.GoalFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Measures every image the build goal saved the way a router stores it (the flattened rootfs, what
 * the layers store, a 4 KiB-block flash estimate, the transfer size, per component), writes
 * {@code size-report.json} and {@code size-report.md} next to the archives, and fails when a
 * platform is over its budget, a file is stored twice, or the image is not what the configuration
 * asked for.
 *
 * @since 0.1.0
 */
@Mojo(name = "verify-size", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifySizeMojo extends AbstractTailscaleMojo {

    /**
     * Skips the size check only; the smoke test still runs.
     *
     * @since 0.1.0
     */
    @Parameter(property = GoalSkips.VERIFY_SIZE, defaultValue = "false")
    protected boolean skipVerifySize;

    @Override
    protected java.util.Optional<String> skippedBy() {
        return skippedBy(skipVerifySize, GoalSkips.VERIFY_SIZE);
    }

    /**
     * Where the build goal wrote the per-platform archives and {@code images.json}; the reports go
     * there too.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.imagesDirectory", defaultValue = "${project.build.directory}/images")
    protected File imagesDirectory;

    /**
     * The most each platform's image may store, by short platform name:
     * {@code <budgets><arm64>4.0MB</arm64></budgets>}. Sizes are bytes or carry a unit: kB, MB
     * (1000-based) or KiB, MiB (1024-based). Platforms not named here use {@code budget}, or else the
     * plugin's defaults (amd64 4.6 MB, arm64, armv7 and armv5 4.0 MB), just above the published sizes of
     * the image with the default features. XML only; on the command line use
     * {@code tailscale.budget.<platform>} or {@code tailscale.budget}.
     *
     * @since 0.1.0
     */
    @Parameter
    protected Map<String, String> budgets = new HashMap<>();

    /**
     * One budget for every platform not named in {@code budgets}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.budget")
    protected String budget;

    /**
     * The amd64 budget, ahead of {@code budgets} and {@code budget}: for the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.budget.amd64")
    protected String budgetAmd64;

    /**
     * The arm64 budget, ahead of {@code budgets} and {@code budget}: for the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.budget.arm64")
    protected String budgetArm64;

    /**
     * The armv7 budget, ahead of {@code budgets} and {@code budget}: for the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.budget.armv7")
    protected String budgetArmv7;

    /**
     * The armv5 budget, ahead of {@code budgets} and {@code budget}: for the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.budget.armv5")
    protected String budgetArmv5;

    /**
     * An earlier {@code size-report.json} (the last release's, say): the table then shows the change
     * of every figure against it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.baseline")
    protected File baseline;

    /**
     * What the generate goal says the image must be (entrypoint, command, volume, where the parts
     * live, UPX). When the file does not exist (an image of your own Dockerfile), only the budgets
     * and the duplicate check apply.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.expectationsFile",
            defaultValue = "${project.build.directory}/" + GoalFiles.CONTEXT_DIRECTORY + "/" + GoalFiles.EXPECTATIONS)
    protected File expectationsFile;

    /**
     * Fails when a file is stored twice: by two layers (a later layer changed a copied file's content
     * or metadata) or as identical content under two paths.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.failOnDuplicates", defaultValue = "true")
    protected boolean failOnDuplicates;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException, ConfigurationException {
        var sizeBudgets = new SizeBudgets(budgets, budget, Map.of("amd64", nullToEmpty(budgetAmd64),
                "arm64", nullToEmpty(budgetArm64), "armv7", nullToEmpty(budgetArmv7), "armv5",
                nullToEmpty(budgetArmv5))).resolve();
        var expectations = GoalFiles.readExpectations(expectationsFile == null ? null : expectationsFile.toPath())
                .orElse(null);
        if (expectations == null) {
            getLog().info("No " + expectationsFile + ": the image comes from a Dockerfile of your own, so only the"
                    + " budgets and the duplicate check apply.");
        }
        var previous = readBaseline();
        var directory = imagesDirectory.toPath();
        var index = GoalFiles.readImages(directory);
        try {
            var analysis = new SizeAnalysis();
            var images = new ArrayList<ImageSize>();
            for (var build : index.builds()) {
                if (!Files.isRegularFile(build.archive())) {
                    throw new ConfigurationException(new Problem("imagesDirectory", GoalFiles.IMAGES_INDEX + " lists "
                            + build.archive() + ", which does not exist.", "Run 'mvn package' again to rebuild it."));
                }
                images.add(analysis.analyse(build.platform().shortName(), build.archive(), expectations,
                        index.imageVersion()));
            }
            var report = new SizeReport(index.imageVersion(), images, sizeBudgets, previous, failOnDuplicates);
            ReportWriter.write(report, directory);
            if (report.passed()) {
                SizeTable.text(report).forEach(getLog()::info); // a failure carries the table in its message
            }
            images.forEach(image -> SizeFindings.lines(image).forEach(getLog()::info));
            getLog().info("Reports: " + directory.resolve(ReportWriter.MARKDOWN_FILE) + " and "
                    + ReportWriter.JSON_FILE);
            if (!report.passed()) {
                throw new MojoFailureException(SizeFailure.describe(report, String.valueOf(expectationsFile),
                        directory.resolve(ReportWriter.MARKDOWN_FILE)));
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot measure the images in " + directory + ": " + e.getMessage()
                    + System.lineSeparator() + "Run 'mvn package' again to rebuild the archives.", e);
        }
    }

    private SizeBaseline readBaseline() throws ConfigurationException {
        if (baseline == null) {
            return null;
        }
        try {
            return SizeBaseline.read(baseline.toPath());
        } catch (IOException e) {
            throw new ConfigurationException(new Problem("baseline", "cannot read " + baseline + ": "
                    + e.getMessage() + ".", "Point it at a size-report.json this goal wrote, or leave it out."));
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
