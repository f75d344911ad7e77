package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.archive.ByteSize;
import io.github.mikrotiktailscale.archive.ImageExpectations;
import io.github.mikrotiktailscale.archive.ImageSize;
import io.github.mikrotiktailscale.archive.ReportWriter;
import io.github.mikrotiktailscale.archive.SizeAnalysis;
import io.github.mikrotiktailscale.archive.SizeBaseline;
import io.github.mikrotiktailscale.archive.SizeFindings;
import io.github.mikrotiktailscale.archive.SizeReport;
import io.github.mikrotiktailscale.archive.SizeTable;
import io.github.mikrotiktailscale.build.ImagesIndex;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
            defaultValue = "${project.build.directory}/tailscale-image/" + ImageExpectations.FILE)
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
                "arm64", nullToEmpty(budgetArm64), "armv7", nullToEmpty(budgetArmv7), "armv5", nullToEmpty(budgetArmv5))).resolve();
        var expectations = readExpectations();
        var previous = readBaseline();
        var directory = imagesDirectory.toPath();
        if (!Files.isRegularFile(directory.resolve(ImagesIndex.FILE))) {
            throw new ConfigurationException(new Problem("imagesDirectory", "there is no " + ImagesIndex.FILE + " in "
                    + directory + ", so there are no images to measure.", "Run 'mvn package' first (the build goal"
                    + " saves the archives and writes " + ImagesIndex.FILE + "), or point -Dtailscale.imagesDirectory"
                    + " at the directory it wrote."));
        }
        try {
            var index = ImagesIndex.read(directory);
            var analysis = new SizeAnalysis();
            var images = new ArrayList<ImageSize>();
            for (var build : index.builds()) {
                if (!Files.isRegularFile(build.archive())) {
                    throw new ConfigurationException(new Problem("imagesDirectory", ImagesIndex.FILE + " lists "
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
                throw new MojoFailureException(failure(report));
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot measure the images in " + directory + ": " + e.getMessage()
                    + System.lineSeparator() + "Run 'mvn package' again to rebuild the archives.", e);
        }
    }

    private ImageExpectations readExpectations() throws ConfigurationException {
        if (expectationsFile == null || !expectationsFile.isFile()) {
            getLog().info("No " + expectationsFile + ": the image comes from a Dockerfile of your own, so only the"
                    + " budgets and the duplicate check apply.");
            return null;
        }
        try {
            return ImageExpectations.read(expectationsFile.toPath());
        } catch (IOException e) {
            throw new ConfigurationException(new Problem("expectationsFile", e.getMessage() + ".",
                    "Run the generate goal again ('mvn package' runs it), or point -Dtailscale.expectationsFile at a"
                            + " file that does not exist to skip the configuration checks."));
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

    /** The table with the failing rows marked, the reasons, and what to do about each kind. */
    private String failure(SizeReport report) {
        var nl = System.lineSeparator();
        var text = new StringBuilder("The images do not pass the size check:").append(nl).append(nl);
        SizeTable.text(report).forEach(line -> text.append(line).append(nl));
        text.append(nl);
        report.problems().forEach(problem -> text.append("- ").append(problem).append(nl));
        text.append(nl).append("What to do:").append(nl);
        var failing = report.images().stream().filter(report::offending).toList();
        if (failing.stream().anyMatch(report::overBudget)) {
            var over = failing.stream().filter(report::overBudget).toList();
            text.append("- Over budget: leave out features you do not need (mvn tailscale:features lists them), or"
                    + " raise the budget, for example ").append(budgetExample(over)).append('.').append(nl);
        }
        if (report.failOnDuplicates() && failing.stream().anyMatch(report::storesTwice)) {
            text.append("- Stored twice: a layer that changes a file an earlier layer copied (RUN chmod, chown, touch,"
                    + " strip, upx, sed -i) stores the whole file again. Prepare the files completely in a builder"
                    + " stage and bring them in with one COPY; links (RUN ln -s) cost nothing. For identical content,"
                    + " keep one file and link the others. To accept it: -Dtailscale.failOnDuplicates=false.")
                    .append(nl);
        }
        if (failing.stream().anyMatch(image -> !image.failedChecks().isEmpty())) {
            text.append("- Failed checks: the image is not what the configuration asked for (").append(expectationsFile)
                    .append("). Run 'mvn package' so generate and build run together; for a Dockerfile of your own,"
                            + " point -Dtailscale.expectationsFile at a file that does not exist.").append(nl);
        }
        text.append("Reports: ").append(imagesDirectory.toPath().resolve(ReportWriter.MARKDOWN_FILE));
        return text.toString();
    }

    private static String budgetExample(List<ImageSize> over) {
        var image = over.get(0);
        // the stored size rounded up to the next 0.1 MB
        var suggested = (image.storedBytes() + 99_999) / 100_000 * 100_000;
        var size = ByteSize.format(suggested).replace(" ", "");
        return "<budgets><" + image.name() + ">" + size + "</" + image.name() + "></budgets> or -Dtailscale.budget."
                + image.name() + "=" + size;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
