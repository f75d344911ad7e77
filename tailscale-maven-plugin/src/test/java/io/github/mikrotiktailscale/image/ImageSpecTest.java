package io.github.mikrotiktailscale.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSpecTest {

    static final String BUILDER = "golang:1.26.3-alpine@sha256:" + "a".repeat(64);
    static final String BUSYBOX = "alpine:3.23.4@sha256:" + "b".repeat(64);

    /** A valid specification with the features the router needs. */
    static ImageSpec.Builder valid() {
        var builder = ImageSpec.builder().tailscaleVersion("v1.98.3").busyboxVersion("1.37.0")
                .builderImage(BUILDER).busyboxImage(BUSYBOX);
        for (var name : List.of("cli", "unixsocketidentity", "ipnbus", "osrouter", "dns", "netstack")) {
            builder.feature(name, "needed");
        }
        // left out with a source change that makes up for each, as the image project does
        builder.acceptMissing("tailnetlock", "patched").acceptMissing("logtail", "filtered");
        return builder;
    }

    private static List<Problem> problemsOf(ImageSpec.Builder builder) {
        try {
            builder.build();
        } catch (ConfigurationException e) {
            return e.problems();
        }
        throw new AssertionError("expected the specification to fail");
    }

    @Test
    void aValidSpecificationResolvesItsFeatures() throws Exception {
        var spec = valid().build();

        assertThat(spec.tailscaleVersion().tag()).isEqualTo("v1.98.3");
        assertThat(spec.features().allowlist()).contains("cli", "netstack");
        assertThat(spec.source()).isEqualTo(TailscaleSource.GOPROXY);
        assertThat(spec.trustStore()).isEqualTo(TrustStore.SYSTEM);
        assertThat(spec.busybox().config()).hasSizeGreaterThan(100).contains("ASH", "PING", "STATIC");
        assertThat(spec.daemon().arguments()).containsExactly("--no-logs-no-support",
                "--state=/var/lib/tailscale/tailscaled.state", "--socket=/var/run/tailscale/tailscaled.sock",
                "--statedir=/var/lib/tailscale");
        assertThat(spec.warnings()).isEmpty();
    }

    @Test
    void aMalformedVersionFails() {
        assertThat(problemsOf(valid().tailscaleVersion("1.98"))).singleElement().satisfies(p -> {
            assertThat(p.element()).isEqualTo("tailscaleVersion");
            assertThat(p.message()).contains("'1.98' is not a Tailscale release version");
            assertThat(p.suggestion()).contains("v1.98.3");
        });
    }

    @Test
    void anUnstableReleaseIsAWarning() throws Exception {
        assertThat(valid().tailscaleVersion("v1.99.0").build().warnings())
                .anySatisfy(w -> assertThat(w).contains("unstable"))
                .anySatisfy(w -> assertThat(w).contains("no feature catalogue for Tailscale 1.99"));
    }

    @Test
    void aVersionOlderThanEveryCatalogueFails() {
        assertThat(problemsOf(valid().tailscaleVersion("v1.60.0"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("older than every feature catalogue"));
    }

    @Test
    void baseImagesWithoutDigestFailUnlessAllowed() throws Exception {
        var problems = problemsOf(valid().builderImage("golang:1.26-alpine").busyboxImage("alpine:3.23"));

        assertThat(problems).extracting(Problem::element).containsExactly("builderImage", "busyboxImage");
        assertThat(problems.get(0).message()).contains("'golang:1.26-alpine' is not pinned by digest");
        assertThat(problems.get(0).suggestion()).contains("golang:1.26-alpine@sha256:<digest>")
                .contains("<allowUnpinnedBaseImages>true</allowUnpinnedBaseImages>");

        var allowed = valid().builderImage("local/builder:trixie").allowUnpinnedBaseImages(true).build();
        assertThat(allowed.warnings()).anySatisfy(w -> assertThat(w).contains("without a digest"));
    }

    @Test
    void perPlatformLocalImagesMayNameThePlatformArguments() throws Exception {
        var spec = valid().busyboxImage("local/busybox-stage:${TARGETARCH}${TARGETVARIANT}")
                .allowUnpinnedBaseImages(true).build();

        assertThat(spec.busyboxImage().wellFormed()).isTrue();
        assertThat(new BaseImage("local/x:$TARGETARCH$TARGETVARIANT").wellFormed()).isTrue();
        assertThat(new BaseImage("local/x:${HOME}").wellFormed()).isFalse();
        assertThat(new BaseImage("local/x:$HOME").wellFormed()).isFalse();
        assertThat(new BaseImage("local/x:$TARGETARCHX").wellFormed()).isFalse();
    }

    @Test
    void aMissingOrMalformedImageFails() {
        assertThat(problemsOf(valid().builderImage(null).busyboxImage("Not An Image")))
                .extracting(Problem::message).containsExactly("no image given.", "'Not An Image' is not an image reference.");
    }

    @Test
    void bakedRootsAddsTheFeatureAndDropsTheBundle() throws Exception {
        var spec = valid().trustStore("bakedroots").build();

        assertThat(spec.trustStore()).isEqualTo(TrustStore.BAKED_ROOTS);
        assertThat(spec.features().status("bakedroots").reason()).contains("no CA bundle");
    }

    @Test
    void unknownChoicesNameTheAllowedValues() {
        var problems = problemsOf(valid().trustStore("letsencrypt").source("svn"));

        assertThat(problems).extracting(Problem::suggestion)
                .containsExactlyInAnyOrder("Use one of: system, bakedroots.", "Use one of: goproxy, git.");
    }

    @Test
    void busyboxMustNotRunAppletsThroughProcSelfExe() {
        var config = List.of("ASH", "FEATURE_SH_STANDALONE", "ping");

        var problems = problemsOf(valid().busyboxConfig(config).busyboxVersion("latest").busyboxSha256("abc"));

        assertThat(problems).extracting(Problem::element)
                .containsExactly("busyboxVersion", "busyboxSha256", "busyboxConfigFile", "busyboxConfigFile");
        assertThat(problems.get(2).message()).contains("FEATURE_SH_STANDALONE").contains("UPX");
        assertThat(problems.get(3).message()).contains("ping");
    }

    @Test
    void busyboxConfigFilesAreOneSymbolALine() {
        assertThat(BusyboxSpec.parseConfig("# comment\nASH\n\nCONFIG_PING=y\n  LS  \nFEATURE_EDITING_HISTORY=100\n"))
                .containsExactly("ASH", "PING", "LS", "FEATURE_EDITING_HISTORY=100");
    }

    @Test
    void numericBusyboxOptionsTakeANumberOnly() throws Exception {
        assertThat(valid().busyboxConfig(List.of("ASH", "FEATURE_EDITING_HISTORY=100")).build().busybox().config())
                .containsExactly("ASH", "FEATURE_EDITING_HISTORY=100");

        var problems = problemsOf(valid().busyboxConfig(List.of("FEATURE_EDITING_HISTORY=lots")));
        assertThat(problems).extracting(Problem::message).singleElement().asString()
                .contains("FEATURE_EDITING_HISTORY=lots");
    }

    @Test
    void sourceChangesNeedExistingFilesReasonsAndSafeTargets(@TempDir Path dir) throws Exception {
        var patch = Files.writeString(dir.resolve("fix.patch"), "diff");
        var go = Files.writeString(dir.resolve("extra.go"), "package main");

        var problems = problemsOf(valid()
                .patch(new SourcePatch(patch, "fixes it"))
                .patch(new SourcePatch(patch, ""))
                .patch(new SourcePatch(dir.resolve("missing.patch"), "gone"))
                .sourceFile(new SourceFile(go, "../etc/passwd", "escape"))
                .sourceFile(new SourceFile(go, "cmd/tailscaled/extra.go", ""))
                .sourceFile(new SourceFile(dir.resolve("nope.go"), "cmd/x.go", "missing")));

        assertThat(problems).extracting(Problem::message).containsExactly(
                "two patches are named fix.patch.",
                "patch fix.patch has no <reason>.",
                "patch file " + dir.resolve("missing.patch") + " does not exist.",
                "target '../etc/passwd' of extra.go is not a relative path inside the Tailscale tree.",
                "source file extra.go has no <reason>.",
                "source file " + dir.resolve("nope.go") + " does not exist.");
    }

    @Test
    void daemonPathsMustBeAbsolute() {
        var problems = problemsOf(valid().daemon(new DaemonOptions("state", "sock", true, List.of())));

        assertThat(problems).extracting(Problem::element).containsExactly("stateDirectory", "socket");
    }

    @Test
    void featureProblemsAndImageProblemsAreReportedTogether() {
        assertThatThrownBy(() -> valid().feature("dnss", "typo").builderImage("golang").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("2 configuration problems")
                .hasMessageContaining("<builderImage>")
                .hasMessageContaining("Did you mean 'dns' or 'dbus'?");
    }
}
