package io.github.mikrotiktailscale.canary;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.feature.Feature;
import io.github.mikrotiktailscale.feature.FeatureCatalog;
import io.github.mikrotiktailscale.feature.FeatureChoice;
import io.github.mikrotiktailscale.feature.FeatureSelection;
import io.github.mikrotiktailscale.feature.AcceptedOmission;
import io.github.mikrotiktailscale.feature.TailscaleVersion;
import io.github.mikrotiktailscale.gomodule.GoVersion;
import io.github.mikrotiktailscale.image.SourceFile;
import io.github.mikrotiktailscale.image.SourcePatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary's fast checks on a fixed pair of versions, v1.102.5 pinned and v1.104.7 tried, served
 * by a module proxy on loopback with one planted break of each kind the fast checks find.
 */
class CanaryTest {

    static final TailscaleVersion PINNED = TailscaleVersion.parse("v1.102.5").orElseThrow();
    static final TailscaleVersion TRIED = TailscaleVersion.parse("v1.104.7").orElseThrow();
    static final String GVISOR = "gvisor.dev/gvisor v0.0.0-20260915211658-a6f909f08a72";

    static final String STUB = """
            package tka

            import "errors"

            type AUMHash [32]byte

            func (h *AUMHash) UnmarshalText(text []byte) error {
            	return errors.New("tailnet lock is not supported by this binary")
            }
            """;
    static final String PATCH = """
            --- a/tka/disabled_stub.go
            +++ b/tka/disabled_stub.go
            @@ -6,4 +6,7 @@ type AUMHash [32]byte
             
             func (h *AUMHash) UnmarshalText(text []byte) error {
            +	if string(text) == "<tailnet-lock-omitted>" {
            +		return nil
            +	}
             	return errors.New("tailnet lock is not supported by this binary")
             }
            """;

    static final FeatureCatalog OLDER = new FeatureCatalog("1.102", "v1.102.5", List.of(
            feature("cli", "The tailscale CLI"), feature("dns", "MagicDNS"), feature("health", "Health checks"),
            feature("listenrawdisco", "Raw disco listening"), feature("ssh", "Tailscale SSH"),
            feature("tailnetlock", "Tailnet Lock"), feature("routecheck", "Route checks")));
    /** health is gone, listenrawdisco is renamed, ssh (left out) is gone, shinynew is undecided. */
    static final FeatureCatalog NEWER = new FeatureCatalog("1.104", "v1.104.7", List.of(
            feature("cli", "The tailscale CLI"), feature("dns", "MagicDNS"), feature("rawdisco", "Raw disco listening"),
            feature("tailnetlock", "Tailnet Lock"), feature("routecheck", "Route checks"),
            feature("shinynew", "Something new")));

    @TempDir
    Path work;
    FakeModuleProxy proxy;
    final List<String> generatedWith = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        proxy = new FakeModuleProxy();
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    static Feature feature(String name, String description) {
        return new Feature(name, description, List.of(), false);
    }

    CatalogueSource catalogues(boolean newerBundled) {
        return new CatalogueSource() {
            @Override
            public Optional<FeatureCatalog> bundled(String minorLine) {
                return minorLine.equals("1.102") ? Optional.of(OLDER)
                        : minorLine.equals("1.104") && newerBundled ? Optional.of(NEWER) : Optional.empty();
            }

            @Override
            public Generated generate(TailscaleVersion version, GoVersion go) {
                generatedWith.add(version + " with Go " + go);
                return new Generated(Optional.of(NEWER), "target/canary/catalog/1.104.json");
            }
        };
    }

    Canary.Project project(List<String> chosen) throws Exception {
        var patch = work.resolve("tka-read-omitted-marker.patch");
        Files.writeString(patch, PATCH);
        var logfilter = work.resolve("logfilter.go");
        Files.writeString(logfilter, "package main\n");
        var choices = chosen.stream().map(n -> new FeatureChoice(n, "because")).toList();
        var accepted = List.of(new AcceptedOmission("tailnetlock", "a patch makes up for it"));
        var leftOut = List.of(new FeatureChoice("ssh", "RouterOS has SSH"), new FeatureChoice("routecheck", "no"));
        return new Canary.Project(PINNED, new FeatureSelection(choices, List.of(), accepted, leftOut),
                FeatureCheck.Decisions.of(choices, List.of("tailnetlock"), leftOut),
                List.of(new SourcePatch(patch, "'tailscale up' reads the netmap")),
                List.of(new SourceFile(logfilter, "cmd/tailscaled/logfilter.go", "drops verbose lines")),
                new GoToolchains(Optional.of(new GoVersion(1, 26, 8)), "GOLANG_VERSION of local/tailscale-builder:trixie",
                        List.of(new GoVersion(1, 26, 8), new GoVersion(1, 27, 3))));
    }

    /** tailscale.com@version with its go.mod, its zip (the given source files) and the modules it pins. */
    void release(TailscaleVersion version, String go, Map<String, String> source, String... requires) throws Exception {
        var mod = new StringBuilder("module tailscale.com\n\ngo " + go + "\n\nrequire (\n");
        for (var r : requires) {
            mod.append('\t').append(r).append('\n');
            var parts = r.split(" ");
            proxy.serve("/" + parts[0].replaceAll("([A-Z])", "!$1").toLowerCase() + "/@v/" + parts[1] + ".zip", "zip");
        }
        mod.append(")\n");
        proxy.serve("/tailscale.com/@v/" + version.tag() + ".mod", mod.toString());
        proxy.serve("/tailscale.com/@v/" + version.tag() + ".zip", FakeModuleProxy.zip("tailscale.com", version.tag(), source));
    }

    Canary canary(boolean newerBundled) {
        return new Canary(proxy.proxy(), catalogues(newerBundled), work.resolve("canary"), line -> {});
    }

    @Test
    void newestStableSkipsPreReleasesAndOddMinors() throws Exception {
        proxy.serve("/tailscale.com/@v/list", "v1.102.5\nv1.104.7\nv1.103.0-pre\nv1.105.1\nv1.104.6\n"
                + "v1.106.0-pre.0.20261201000000-abcdefabcdef\n");

        assertThat(canary(true).newestStable()).contains(TRIED);
    }

    @Test
    void aGoNoMachineHasAndRefusedModulesStopTheBumpBeforeAnythingIsBuilt() throws Exception {
        release(TRIED, "1.27.4", Map.of("tka/disabled_stub.go", STUB, "cmd/tailscaled/main.go", "package main\n"),
                GVISOR, "github.com/Good/mod v1.0.0");
        proxy.refuse("/gvisor.dev/gvisor/@v/v0.0.0-20260915211658-a6f909f08a72.zip", 403);

        var report = canary(false).check(project(List.of("cli", "dns")), TRIED);

        assertThat(report.breaks()).filteredOn(b -> b.kind() == BreakKind.GO_VERSION).singleElement().satisfies(b -> {
            assertThat(b.blocking()).isTrue();
            assertThat(b.detail()).contains("needs Go 1.27.4", "has Go 1.26.8", "newest that can be had here is Go 1.27.3");
        });
        assertThat(report.breaks()).filteredOn(b -> b.kind() == BreakKind.REFUSED_MODULE).singleElement().satisfies(b -> {
            assertThat(b.subject()).isEqualTo("gvisor.dev/gvisor@v0.0.0-20260915211658-a6f909f08a72");
            assertThat(b.detail()).contains("403");
        });
        assertThat(proxy.requests("/gvisor.dev/gvisor/@v/v0.0.0-20260915211658-a6f909f08a72.zip"))
                .as("a 403 is final: asked once").isEqualTo(1);
        assertThat(proxy.requests("/github.com/!good/mod/@v/v1.0.0.zip")).as("case-encoded path").isEqualTo(1);
        assertThat(report.breaks()).filteredOn(b -> b.kind() == BreakKind.CATALOGUE).singleElement()
                .satisfies(b -> assertThat(b.detail()).contains("no feature catalogue for 1.104", "none generated"));
        assertThat(generatedWith).as("no Go here builds it: nothing generated").isEmpty();
        assertThat(report.buildWorthRunning()).isFalse();
        assertThat(report.passed()).isFalse();
    }

    @Test
    void aMissingCatalogueIsGeneratedAndRenamedGoneAndUndecidedFeaturesAreNamed() throws Exception {
        release(TRIED, "1.27.2", Map.of("tka/disabled_stub.go", STUB, "cmd/tailscaled/main.go", "package main\n"));

        var report = canary(false).check(project(List.of("cli", "dns", "health", "listenrawdisco")), TRIED);

        assertThat(generatedWith).containsExactly("v1.104.7 with Go 1.27.3");
        assertThat(report.breaks()).filteredOn(b -> b.kind() == BreakKind.GO_VERSION).singleElement().satisfies(b -> {
            assertThat(b.blocking()).as("1.27.3 can be had: the build runs with it").isFalse();
            assertThat(b.fix()).contains("go.version 1.27.3");
        });
        assertThat(report.buildGo()).isEqualTo("1.27.3");
        assertThat(report.breaks()).filteredOn(b -> b.kind() == BreakKind.FEATURE_GONE)
                .extracting(Break::subject)
                .containsExactlyInAnyOrder("<features> health", "<features> listenrawdisco", "<leftOut> ssh");
        assertThat(report.breaks()).filteredOn(b -> b.subject().equals("<features> listenrawdisco")).singleElement()
                .satisfies(b -> {
                    assertThat(b.detail()).contains("renamed to 'rawdisco'");
                    assertThat(b.fix()).contains("name 'rawdisco' instead of 'listenrawdisco'");
                });
        assertThat(report.breaks()).filteredOn(b -> b.kind() == BreakKind.FEATURE_UNDECIDED).extracting(Break::subject)
                .containsExactly("shinynew");
        assertThat(report.breaks()).filteredOn(b -> b.kind() == BreakKind.CATALOGUE).singleElement()
                .satisfies(b -> assertThat(b.detail()).contains("generated one", "target/canary/catalog/1.104.json"));
    }

    @Test
    void aPatchThatNoLongerAppliesIsNamedByHunkAndAMovedDirectoryByTarget() throws Exception {
        var changed = STUB.replace("is not supported by this binary", "is not in this binary");
        release(TRIED, "1.26.6", Map.of("tka/disabled_stub.go", changed, "cmd/tailscale/cli.go", "package cli\n"));

        var report = canary(true).check(project(List.of("cli", "dns")), TRIED);

        assertThat(report.breaks()).filteredOn(b -> b.kind() == BreakKind.PATCH).singleElement().satisfies(b -> {
            assertThat(b.subject()).isEqualTo(
                    "patch tka-read-omitted-marker.patch, tka/disabled_stub.go hunk 1 of 1 (@@ -6,4 +6,7 @@ type AUMHash [32]byte)");
            assertThat(b.detail()).contains("patch failed: tka/disabled_stub.go:6");
            assertThat(b.blocking()).isTrue();
        });
        assertThat(report.breaks()).filteredOn(b -> b.kind() == BreakKind.SOURCE_FILE).singleElement()
                .satisfies(b -> assertThat(b.detail()).contains("has no directory cmd/tailscaled"));
    }

    @Test
    void aReleaseWithNothingPlantedPassesTheFastChecks() throws Exception {
        var next = TailscaleVersion.parse("v1.104.8").orElseThrow();
        release(next, "1.26.6", Map.of("tka/disabled_stub.go", STUB, "cmd/tailscaled/main.go", "package main\n"),
                "github.com/Good/mod v1.0.0");
        var project = project(List.of("cli", "dns"));
        var decided = new Canary.Project(project.pinned(), new FeatureSelection(
                List.of(new FeatureChoice("cli", "c"), new FeatureChoice("dns", "d"), new FeatureChoice("shinynew", "s")),
                List.of(), List.of(new AcceptedOmission("tailnetlock", "patched")),
                List.of(new FeatureChoice("routecheck", "no"), new FeatureChoice("rawdisco", "no"))),
                new FeatureCheck.Decisions(List.of("cli", "dns", "shinynew"), List.of("tailnetlock"),
                        List.of("routecheck", "rawdisco")), project.patches(), project.sourceFiles(), project.go());

        var report = canary(true).check(decided, next);

        assertThat(report.breaks()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.buildWorthRunning()).isTrue();
        assertThat(report.buildGo()).isEqualTo("1.26.8");
        assertThat(report.passedChecks()).anySatisfy(c -> assertThat(c).contains("patch tka-read-omitted-marker.patch applies"))
                .anySatisfy(c -> assertThat(c).contains("all 1 modules its go.mod pins"));
    }
}
