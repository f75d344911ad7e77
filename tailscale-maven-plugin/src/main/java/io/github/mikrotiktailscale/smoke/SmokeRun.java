package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.progress.Progress;
import io.github.mikrotiktailscale.build.ImagesIndex;
import io.github.mikrotiktailscale.build.PlatformBuild;
import io.github.mikrotiktailscale.docker.Exec;
import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs the built images: every platform's image alone (natively or under QEMU), then a tailnet
 * of the build platform's image. Writes {@code smoke-report.json} and {@code smoke-report.md}
 * next to the images and returns the report; failing checks fail the report, not this method.
 */
public final class SmokeRun {

    private final DockerCli docker;
    private final Progress listener;

    public SmokeRun(Exec exec, String dockerCommand, Progress listener) {
        this.docker = new DockerCli(exec, dockerCommand);
        this.listener = listener;
    }

    public SmokeReport run(SmokeSettings settings) throws EnvironmentException, InterruptedException {
        var started = Instant.now();
        ImagesIndex.Index index;
        try {
            index = ImagesIndex.read(settings.imagesDirectory());
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read " + settings.imagesDirectory().resolve(ImagesIndex.FILE) + ": "
                    + e.getMessage(), "Run 'mvn package' first: the build goal writes it.", e);
        }
        var run = "tailscale-smoke-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
        var label = Tailnet.LABEL + "=" + run;
        var nativePlatform = enginePlatform();
        var sections = new ArrayList<SmokeReport.Section>();
        var figures = new ArrayList<Figure>();
        var notes = new ArrayList<String>();
        var tested = new java.util.LinkedHashMap<String, String>();
        var memory = new MemoryRecorder(docker, MemoryProbe.host(), nativePlatform);
        var platformSmoke = new PlatformSmoke(docker, run, label, settings.imageFeatures(), memory);
        var binaries = new UnpackedBinaries(docker, label);
        PlatformBuild nativeBuild = null;
        for (var build : index.builds()) {
            var image = image(build);
            if (image.isEmpty()) {
                notes.add(build.platform().dockerName() + ": no local tag in " + ImagesIndex.FILE
                        + " (the builder wrote the archive directly), so it was not run.");
                continue;
            }
            if (!present(image.get())) {
                throw new EnvironmentException("The engine has no image " + image.get() + " (listed in "
                        + ImagesIndex.FILE + ").", "Run 'mvn package' again on this machine: the build goal tags the"
                        + " images it builds.");
            }
            if (build.platform() == nativePlatform.orElse(null)) {
                nativeBuild = build;
            }
            listener.info("Running " + image.get() + " (" + build.platform().dockerName()
                    + (build.platform() == nativePlatform.orElse(null) ? "" : ", under QEMU") + ") ...");
            var sectionStart = Instant.now();
            var checks = platformSmoke.check(build.platform(), image.get(), settings.expectedVersion());
            binaries.read(build.platform(), image.get());
            checks.forEach(check -> listener.info(check.line()));
            sections.add(new SmokeReport.Section(build.platform().dockerName(), image.get(), seconds(sectionStart),
                    checks));
            tested.put(build.platform().dockerName(), imageId(image.get()));
        }
        if (settings.tailnet()) {
            if (nativeBuild == null) {
                notes.add("The tailnet part needs the image of the engine's own platform ("
                        + nativePlatform.map(Platform::dockerName).orElse("unknown") + "), and " + ImagesIndex.FILE
                        + " has none; it was not run.");
            } else {
                tailnet(settings, run, nativeBuild, sections, figures, notes, memory);
            }
        }
        figures.addAll(memory.figures());
        figures.addAll(binaries.figures(nativePlatform, memory.figures()));
        notes.addAll(memory.notes());
        if (!settings.memoryBudgets().isEmpty()) {
            var budgets = MemoryBudget.checkAll(settings.memoryBudgets(), figures);
            budgets.forEach(check -> listener.info(check.line()));
            sections.add(new SmokeReport.Section("memory budget", nativeBuild == null ? "" : nativeBuild.localTag(), 0,
                    budgets));
        }
        var bases = BaseIdentities.read(docker, settings.baseImages(),
                index.builds().stream().map(PlatformBuild::platform).toList());
        var report = new SmokeReport(index.imageVersion(), settings.expectedVersion(), seconds(started), sections,
                figures, notes, tested, bases);
        try {
            SmokeReportWriter.write(report, settings.imagesDirectory());
        } catch (IOException e) {
            throw new EnvironmentException("Cannot write the smoke report to " + settings.imagesDirectory() + ": "
                    + e.getMessage(), "Check that the directory is writable.", e);
        }
        return report;
    }

    private void tailnet(SmokeSettings settings, String run, PlatformBuild build, List<SmokeReport.Section> sections,
            List<Figure> figures, List<String> notes, MemoryRecorder memory)
            throws EnvironmentException, InterruptedException {
        if (settings.builderImage().isEmpty()) {
            throw new EnvironmentException("The tailnet part of the smoke test needs a builder image with Go to compile"
                    + " its harness, and none is configured.", "Set <builderImage> (the image build's builder), or"
                    + " -Dtailscale.smoke.tailnet=false to run only the per-platform checks.");
        }
        var harnessStart = Instant.now();
        var harness = HarnessBinary.ensure(docker, settings.builderImage(), settings.goEnvironment(),
                settings.workDirectory(), run + "-harness-build", Tailnet.LABEL + "=" + run, listener);
        figures.add(new Figure("harnessSeconds", seconds(harnessStart), "s",
                "getting the harness (built once per version, then reused)"));
        var image = build.localTag();
        var config = docker.require("read the config of " + image, "image", "inspect", "--format", "{{json .Config}}",
                image);
        var layout = ImageLayout.parse(config.text());
        if (!layout.stateOnVolume()) {
            notes.add("The state file " + layout.stateFile() + " is not on the volume " + layout.stateDirectory()
                    + ": it will not survive a restart.");
        }
        listener.info("Tailnet of " + image + " on " + build.platform().dockerName() + " (containers labelled "
                + Tailnet.LABEL + "=" + run + ") ...");
        var tailnetStart = Instant.now();
        try (var net = new Tailnet(docker, run, image, layout, listener)) {
            net.start(harness);
            var outcome = new TailnetSmoke(net, listener, settings.imageFeatures(), settings.window(), memory)
                    .run();
            sections.add(new SmokeReport.Section("tailnet (" + build.platform().dockerName() + ")", image,
                    seconds(tailnetStart), outcome.checks()));
            figures.addAll(outcome.figures());
            notes.addAll(outcome.notes());
        }
        figures.add(new Figure("tailnetSeconds", seconds(tailnetStart), "s",
                "the tailnet part, containers started to containers removed"));
    }

    /** The platform whose images run natively on the engine. */
    private Optional<Platform> enginePlatform() throws EnvironmentException, InterruptedException {
        var result = docker.require("ask the Docker engine for its platform", "version", "--format",
                "{{.Server.Os}}/{{.Server.Arch}}");
        return Platform.find(result.text().strip());
    }

    private static Optional<String> image(PlatformBuild build) {
        return build.localTag().isBlank() ? Optional.empty() : Optional.of(build.localTag());
    }

    /** The engine's id of the image that ran (its config digest, as images.json and the archive name it). */
    private String imageId(String image) throws EnvironmentException, InterruptedException {
        return docker.require("the id of " + image, "image", "inspect", "--format", "{{.Id}}", image).text().trim();
    }

    private boolean present(String image) throws EnvironmentException, InterruptedException {
        return docker.run("image", "inspect", "--format", "{{.Id}}", image).ok();
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
