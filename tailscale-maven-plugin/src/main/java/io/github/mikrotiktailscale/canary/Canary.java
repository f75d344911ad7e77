package io.github.mikrotiktailscale.canary;

import io.github.mikrotiktailscale.feature.AcceptedOmission;
import io.github.mikrotiktailscale.feature.FeatureCatalog;
import io.github.mikrotiktailscale.feature.FeatureChoice;
import io.github.mikrotiktailscale.feature.FeatureSelection;
import io.github.mikrotiktailscale.feature.Inclusion;
import io.github.mikrotiktailscale.feature.TailscaleVersion;
import io.github.mikrotiktailscale.gomodule.GoModFile;
import io.github.mikrotiktailscale.gomodule.GoVersion;
import io.github.mikrotiktailscale.gomodule.ModuleProxy;
import io.github.mikrotiktailscale.image.ImageSpec;
import io.github.mikrotiktailscale.image.SourceFile;
import io.github.mikrotiktailscale.image.SourceCapabilities;
import io.github.mikrotiktailscale.image.SourcePatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The upgrade canary's fast checks: everything that can be known about a Tailscale bump from the
 * module proxy and the project's configuration in seconds, before anything is compiled. The real
 * build (generate, build, verify-size, smoke) runs afterwards only when nothing found here stops
 * it; {@link BuildResults} then names what broke there.
 */
public final class Canary {

    public static final String MODULE = "tailscale.com";

    private final ModuleProxy proxy;
    private final CatalogueSource catalogues;
    private final Path workDirectory;
    private final Consumer<String> log;

    public Canary(ModuleProxy proxy, CatalogueSource catalogues, Path workDirectory, Consumer<String> log) {
        this.proxy = proxy;
        this.catalogues = catalogues;
        this.workDirectory = workDirectory;
        this.log = log;
    }

    /** What the project pins and decides, as its configuration says. */
    public record Project(TailscaleVersion pinned, FeatureSelection selection, FeatureCheck.Decisions decisions,
            List<SourcePatch> patches, List<SourceFile> sourceFiles, GoToolchains go) {

        /** The project's decisions, read back from the resolved features of its pinned release. */
        public static Project of(ImageSpec spec, GoToolchains go) {
            var chosen = new ArrayList<FeatureChoice>();
            var accepted = new ArrayList<AcceptedOmission>();
            var leftOut = new ArrayList<FeatureChoice>();
            for (var status : spec.features().statuses()) {
                if (status.inclusion() == Inclusion.CHOSEN) {
                    chosen.add(new FeatureChoice(status.name(), status.reason()));
                } else if (status.acceptedOmission().isPresent()) {
                    accepted.add(status.acceptedOmission().get());
                } else if (status.inclusion() == Inclusion.OMITTED && !status.reason().isEmpty()) {
                    leftOut.add(new FeatureChoice(status.name(), status.reason()));
                }
            }
            return new Project(spec.tailscaleVersion(), new FeatureSelection(chosen, List.of(), accepted, leftOut,
                    SourceCapabilities.of(spec.patches(), spec.sourceFiles())),
                    FeatureCheck.Decisions.of(chosen, accepted.stream().map(AcceptedOmission::name).toList(), leftOut),
                    spec.patches(), spec.sourceFiles(), go);
        }
    }

    /** The newest stable Tailscale the proxy lists. */
    public Optional<TailscaleVersion> newestStable() throws IOException, InterruptedException {
        return NewestStable.among(proxy.versions(MODULE));
    }

    public CanaryReport check(Project project, TailscaleVersion version) throws IOException, InterruptedException {
        long started = System.nanoTime();
        var passed = new ArrayList<String>();
        var breaks = new ArrayList<Break>();
        var tag = version.tag();

        var modText = proxy.goMod(MODULE, tag);
        if (modText.isEmpty()) {
            breaks.add(Break.blocking(BreakKind.UNCHECKED, MODULE + "@" + tag,
                    "the module proxy " + proxy.bases() + " has no go.mod for it", "check the version and GOPROXY"));
            return report(project, version, passed, breaks, Optional.empty(), started);
        }
        var goMod = GoModFile.parse(modText.get());
        Optional<GoVersion> buildGo = project.go().builder();
        if (goMod.go().isPresent()) {
            var verdict = project.go().judge(goMod.go().get());
            verdict.problem().ifPresentOrElse(breaks::add, () -> passed.add("go.mod needs Go " + goMod.go().get()
                    + "; the builder has Go " + project.go().builder().get() + " (" + project.go().builderSource() + ")"));
            buildGo = verdict.buildWith();
        }
        log.accept("Tailscale " + tag + " needs Go " + goMod.go().map(Object::toString).orElse("(not stated)")
                + "; asking the proxy for the source of " + (goMod.requirements().size() + 1) + " modules");

        var refused = new ModuleCheck(proxy).check(MODULE, tag, goMod);
        breaks.addAll(refused);
        if (refused.isEmpty()) {
            passed.add("the module proxy serves the source zip of " + MODULE + "@" + tag + " and of all "
                    + goMod.requirements().size() + " modules its go.mod pins");
        }

        newerCatalogue(version, buildGo, passed, breaks).ifPresent(newer -> checkFeatures(project, newer, passed, breaks));

        if (!project.patches().isEmpty() || !project.sourceFiles().isEmpty()) {
            checkSourceChanges(project, tag, passed, breaks);
        }
        return report(project, version, passed, breaks, buildGo, started);
    }

    private Optional<FeatureCatalog> newerCatalogue(TailscaleVersion version, Optional<GoVersion> go,
            List<String> passed, List<Break> breaks) throws InterruptedException {
        var bundled = catalogues.bundled(version.minorLine());
        if (bundled.isPresent()) {
            passed.add("the plugin has a feature catalogue for " + version.minorLine() + " (read from "
                    + bundled.get().readFrom() + ")");
            return bundled;
        }
        var missing = "the plugin has no feature catalogue for " + version.minorLine()
                + ": a build would use the nearest older one, and its features check stops when the release"
                + " keeps other features";
        if (go.isEmpty()) {
            breaks.add(Break.of(BreakKind.CATALOGUE, version.minorLine(), missing
                    + "; none generated, since no Go that can be had here builds the release",
                    "once a Go fits: tailscale-maven-plugin/src/tools/feature-catalog/generate.sh " + version));
            return Optional.empty();
        }
        log.accept("No feature catalogue for " + version.minorLine() + ": generating one with Go " + go.get());
        var generated = catalogues.generate(version, go.get());
        breaks.add(Break.of(BreakKind.CATALOGUE, version.minorLine(), missing + (generated.catalog().isPresent()
                        ? "; the canary generated one to check the features: " + generated.where()
                        : "; generating one failed: " + generated.where()),
                "add it to the plugin: tailscale-maven-plugin/src/tools/feature-catalog/generate.sh " + version));
        return generated.catalog();
    }

    private void checkFeatures(Project project, FeatureCatalog newer, List<String> passed, List<Break> breaks) {
        var older = catalogues.bundled(project.pinned().minorLine());
        if (older.isEmpty()) {
            breaks.add(Break.of(BreakKind.UNCHECKED, "features", "the plugin has no catalogue for the pinned "
                    + project.pinned() + ": nothing to compare with", "pin a release the plugin has a catalogue for"));
            return;
        }
        var found = FeatureCheck.check(project.selection(), project.decisions(), older.get(), newer);
        breaks.addAll(found);
        if (found.isEmpty()) {
            passed.add("every feature the project names is in catalogue " + newer.minorLine()
                    + (newer.minorLine().equals(older.get().minorLine()) ? " (the pinned release's line)"
                            : ", and every feature new since " + older.get().minorLine() + " is decided"));
        }
    }

    private void checkSourceChanges(Project project, String tag, List<String> passed, List<Break> breaks)
            throws IOException, InterruptedException {
        var refusal = new StringBuilder();
        var source = ReleaseSource.fetch(proxy, MODULE, tag, workDirectory.resolve("source"), refusal);
        if (source.isEmpty()) {
            breaks.add(Break.of(BreakKind.UNCHECKED, "patches and added files",
                    "no source to check them against: " + refusal, "see the refused module above"));
            return;
        }
        var found = PatchCheck.check(source.get(), tag, project.patches(), project.sourceFiles());
        breaks.addAll(found);
        for (var patch : project.patches()) {
            if (found.stream().noneMatch(b -> b.subject().startsWith("patch " + patch.fileName() + ","))) {
                passed.add("patch " + patch.fileName() + " applies to " + tag + " (git apply --check)");
            }
        }
        for (var file : project.sourceFiles()) {
            if (found.stream().noneMatch(b -> b.kind() == BreakKind.SOURCE_FILE && b.subject().endsWith(file.target()))) {
                passed.add(file.file().getFileName() + " has its directory in " + tag + " (whether it compiles, the"
                        + " build tells)");
            }
        }
    }

    private static CanaryReport report(Project project, TailscaleVersion version, List<String> passed,
            List<Break> breaks, Optional<GoVersion> buildGo, long started) {
        return new CanaryReport(version.tag(), project.pinned().tag(), "checks", passed, breaks, false,
                buildGo.map(Object::toString).orElse(""), (System.nanoTime() - started) / 1e9);
    }
}
