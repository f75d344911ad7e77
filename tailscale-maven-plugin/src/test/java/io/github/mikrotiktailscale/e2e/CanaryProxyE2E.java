package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.mikrotiktailscale.canary.Break;
import io.github.mikrotiktailscale.canary.BreakKind;
import io.github.mikrotiktailscale.canary.BundledCatalogues;
import io.github.mikrotiktailscale.canary.Canary;
import io.github.mikrotiktailscale.canary.FeatureCheck;
import io.github.mikrotiktailscale.canary.GoToolchains;
import io.github.mikrotiktailscale.feature.AcceptedOmission;
import io.github.mikrotiktailscale.feature.FeatureChoice;
import io.github.mikrotiktailscale.feature.FeatureSelection;
import io.github.mikrotiktailscale.feature.TailscaleVersion;
import io.github.mikrotiktailscale.gomodule.GoModFile;
import io.github.mikrotiktailscale.gomodule.GoVersion;
import io.github.mikrotiktailscale.gomodule.ModuleProxy;
import io.github.mikrotiktailscale.image.SourceFile;
import io.github.mikrotiktailscale.image.SourcePatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * The canary's fast checks against the real Go module proxy (GOPROXY), on fixed versions and
 * image-project's own configuration (features, patch, added file): v1.104.7 needs a Go these
 * machines cannot have and pins modules the proxy refuses, found before anything is compiled;
 * v1.102.5, the pinned release, passes. About 10 s; skipped without the proxy, except with
 * TAILSCALE_E2E=required.
 */
class CanaryProxyE2E {

    static final Path IMAGE_PROJECT = Toolchain.PROJECT_ROOT.resolve("image-project");
    static final ModuleProxy PROXY = ModuleProxy.fromEnvironment();

    @TempDir
    Path work;

    @BeforeAll
    static void proxyAnswers() {
        try {
            if (PROXY.goMod(Canary.MODULE, "v1.102.5").isEmpty()) {
                throw new IllegalStateException("no go.mod for tailscale.com@v1.102.5");
            }
        } catch (Exception e) {
            var why = "the Go module proxy " + PROXY.bases() + " does not answer: " + e.getMessage();
            if (Toolchain.required()) {
                fail("TAILSCALE_E2E=required, but " + why);
            }
            Assumptions.abort(why);
        }
    }

    @Test
    void v1_104_7_needsGo1_27_4AndModulesTheProxyRefuses() throws Exception {
        var report = canary().check(project(), TailscaleVersion.parse("v1.104.7").orElseThrow());

        assertThat(report.breaks()).filteredOn(b -> b.kind() == BreakKind.GO_VERSION).singleElement().satisfies(b -> {
            assertThat(b.blocking()).isTrue();
            assertThat(b.detail()).contains("needs Go 1.27.4", "has Go 1.26.8", "newest that can be had here is Go 1.27.3");
        });
        var pinned = GoModFile.parse(PROXY.goMod(Canary.MODULE, "v1.104.7").orElseThrow()).requirements();
        var expected = new ArrayList<String>();
        for (var module : List.of("gvisor.dev/gvisor", "github.com/tailscale/golang-x-crypto",
                "github.com/tailscale/setec", "github.com/tailscale/gliderssh", "github.com/tailscale/wireguard-go")) {
            expected.add(pinned.stream().filter(r -> r.path().equals(module)).findFirst().orElseThrow().toString());
        }
        assertThat(report.breaks()).filteredOn(b -> b.kind() == BreakKind.REFUSED_MODULE).extracting(Break::subject)
                .containsAll(expected);
        assertThat(report.buildWorthRunning()).as("nothing is built").isFalse();
        assertThat(report.passed()).isFalse();
        assertThat(report.fastCheckSeconds()).isLessThan(120);
    }

    @Test
    void v1_102_5_passesTheFastChecks() throws Exception {
        var report = canary().check(project(), TailscaleVersion.parse("v1.102.5").orElseThrow());

        assertThat(report.breaks()).isEmpty();
        assertThat(report.buildWorthRunning()).isTrue();
        assertThat(report.passedChecks()).anySatisfy(c -> assertThat(c).contains("tka-read-omitted-marker.patch applies"));
    }

    Canary canary() {
        return new Canary(PROXY, new BundledCatalogues(null, work.resolve("catalog")), work, line -> {});
    }

    /** image-project's decisions and source changes, read from its pom; the builder's Go as the local bases make it. */
    static Canary.Project project() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(IMAGE_PROJECT.resolve("pom.xml").toFile());
        var configuration = (Element) pom.getElementsByTagName("configuration").item(0);
        var chosen = choices(configuration, "features");
        var accepted = choices(configuration, "acceptMissing").stream()
                .map(c -> new AcceptedOmission(c.name(), c.reason())).toList();
        var leftOut = choices(configuration, "leftOut");
        var patches = new ArrayList<SourcePatch>();
        for (var patch : children(configuration, "patches")) {
            patches.add(new SourcePatch(IMAGE_PROJECT.resolve(text(patch, "file")), text(patch, "reason"),
                    text(patch, "provides")));
        }
        var files = new ArrayList<SourceFile>();
        for (var file : children(configuration, "sourceFiles")) {
            files.add(new SourceFile(IMAGE_PROJECT.resolve(text(file, "file")), text(file, "target"), text(file, "reason"),
                    text(file, "provides")));
        }
        var goPin = GoVersion.parse(pom.getElementsByTagName("go.version").item(0).getTextContent()).orElseThrow();
        return new Canary.Project(TailscaleVersion.parse("v1.102.5").orElseThrow(),
                new FeatureSelection(chosen, List.of(), accepted, leftOut,
                        io.github.mikrotiktailscale.image.SourceCapabilities.of(patches, files)),
                FeatureCheck.Decisions.of(chosen, accepted.stream().map(AcceptedOmission::name).toList(), leftOut),
                patches, files, new GoToolchains(Optional.of(goPin), "go.version of image-project",
                        List.of(goPin, new GoVersion(1, 27, 3))));
    }

    static List<FeatureChoice> choices(Element configuration, String element) {
        return children(configuration, element).stream().map(f -> new FeatureChoice(text(f, "name"), text(f, "reason")))
                .toList();
    }

    static List<Element> children(Element configuration, String element) {
        var list = new ArrayList<Element>();
        var parents = configuration.getElementsByTagName(element);
        if (parents.getLength() > 0) {
            var nodes = parents.item(0).getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element e) {
                    list.add(e);
                }
            }
        }
        return list;
    }

    /** A child element's text; empty when there is none (an optional element such as provides). */
    static String text(Element element, String child) {
        var found = element.getElementsByTagName(child);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().trim();
    }
}
