package io.github.mikrotiktailscale.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.image.ImageSpec;
import io.github.mikrotiktailscale.image.SourceFile;
import io.github.mikrotiktailscale.image.SourcePatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerfileRendererTest {

    /** Set -Dgolden.update=true to rewrite the golden files after a deliberate change; review the diff. */
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    private static ImageSpec imageProject(String source) throws Exception {
        return ImageProjectPom.configuration().source(source).build();
    }

    private static void assertGolden(String name, String actual) throws IOException {
        var file = GOLDEN.resolve(name);
        if (UPDATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("generated %s; if the change is deliberate, run with -Dgolden.update=true", name)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"goproxy", "git"})
    void theImageProjectsDockerfileMatchesItsGoldenFile(String source) throws Exception {
        var context = DockerfileRenderer.render(imageProject(source));

        assertGolden("image-project-" + source + ".Dockerfile", context.dockerfile());
    }

    @Test
    void theImageProjectsContextFilesMatchTheirGoldenFiles() throws Exception {
        var context = DockerfileRenderer.render(imageProject("goproxy"));

        assertThat(context.files().keySet()).containsExactly(".dockerignore", "Dockerfile", "busybox/applets.config",
                "entrypoint.sh", "scripts/build-busybox.sh", "scripts/build-tailscale.sh", "scripts/check-arm-elf.go",
                "scripts/check-features.sh", "scripts/ensure-tools.sh",
                "scripts/fetch-tailscale.sh", "scripts/pack-busybox.sh",
                "tailscale/changes/01-tka-read-omitted-marker.patch", "tailscale/changes/02-tstun-inject-without-netstack.patch",
                "tailscale/changes/files/cmd/tailscaled/logfilter.go", "tailscale/changes/files/cmd/tailscaled/magicdns.go",
                "tailscale/changes/series", "tailscale/features.txt");
        assertGolden("image-project-features.txt", context.file("tailscale/features.txt").text());
        assertGolden("entrypoint.sh", context.file("entrypoint.sh").text());
        assertThat(context.file("entrypoint.sh").executable()).isTrue();
        assertThat(context.file("busybox/applets.config").executable()).isFalse();
        assertThat(context.file("scripts/check-arm-elf.go").executable()).isFalse();
    }

    @Test
    void theEntrypointStartsUnattendedFromTheRouterOsVariablesAndStaysSmall() throws Exception {
        var entrypoint = DockerfileRenderer.render(imageProject("goproxy")).file("entrypoint.sh");

        assertThat(entrypoint.text()).contains("$TS_AUTHKEY$TS_ROUTES$TS_EXTRA_ARGS$TS_HOSTNAME$TS_LOGIN_SERVER",
                "exec /usr/local/bin/tailscaled \"$@\"", "trap 'kill -TERM $daemon", "--advertise-routes=$TS_ROUTES",
                "--login-server=$TS_LOGIN_SERVER", "\"BackendState\": \"NeedsLogin\"");
        // every router stores it: the unattended start costs about 1.9 kB over the plain exec, the hint
        // on an unknown CA 553 bytes more, the memory defaults about 0.7 kB; still one 4 KiB block of flash
        assertThat(entrypoint.content().length).isLessThan(4096);
    }

    @Test
    void theImageProjectMeetsEveryRouterRuleOrMakesUpForIt() throws Exception {
        var spec = imageProject("goproxy");

        // no warning: each advised feature it leaves out comes with the source change named in its acceptance
        assertThat(spec.warnings()).isEmpty();
        assertThat(spec.features().status("tailnetlock").acceptedOmission()).hasValueSatisfying(
                a -> assertThat(a.reason()).contains("tka-read-omitted-marker.patch"));
        assertThat(spec.features().status("logtail").acceptedOmission()).hasValueSatisfying(
                a -> assertThat(a.reason()).contains("logfilter.go"));
        assertThat(spec.patches()).extracting(p -> p.fileName()).containsExactly("tka-read-omitted-marker.patch",
                "tstun-inject-without-netstack.patch");
        assertThat(Files.readString(spec.patches().get(0).file())).contains("+++ b/tka/disabled_stub.go",
                "<tailnet-lock-omitted>");
        assertThat(Files.readString(spec.patches().get(1).file())).contains("+++ b/net/tstun/wrap.go");
        assertThat(Files.readString(spec.sourceFiles().get(0).file())).startsWith("//go:build linux && ts_omit_netstack\n")
                .contains("hookNewNetstack.Set");
        assertThat(Files.readString(spec.sourceFiles().get(1).file())).startsWith("//go:build ts_omit_logtail\n")
                .contains("args.verbose");
        // netstack is out, and both things it did are made up for by a source change
        assertThat(spec.features().includes("netstack")).isFalse();
        assertThat(spec.features().substitutes()).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("magicdns.go", "(magicdns)"))
                .anySatisfy(line -> assertThat(line).contains("tstun-inject-without-netstack.patch", "(raw-inject)"));
    }

    @Test
    void renderingIsDeterministic() throws Exception {
        assertThat(DockerfileRenderer.render(imageProject("goproxy")))
                .isEqualTo(DockerfileRenderer.render(imageProject("goproxy")));
    }

    @Test
    void stagesComeInOrderAndOnlyBusyboxIsCompiledOnTheTargetPlatform() throws Exception {
        var dockerfile = DockerfileRenderer.dockerfile(imageProject("goproxy"));

        assertThat(dockerfile.stages()).extracting(Stage::name).containsExactly("tailscale", "busybox", "busybox-upx", "");
        assertThat(dockerfile.stages()).extracting(Stage::platform)
                .containsExactly("$BUILDPLATFORM", "", "$BUILDPLATFORM", "");
        assertThat(dockerfile.finalStage().base()).isEqualTo("scratch");
    }

    @Test
    void theFinalStageRunsNothingAndWritesUsrLocalBinInOneLayer() throws Exception {
        var image = DockerfileRenderer.dockerfile(imageProject("goproxy")).finalStage();

        assertThat(image.instructions()).extracting(Instruction::keyword).doesNotContain("RUN", "ADD");
        assertThat(image.instructions()).filteredOn(i -> i.keyword().equals("COPY"))
                .extracting(Instruction::arguments)
                .containsExactly("--from=busybox-upx /rootfs/ /", "--from=tailscale /out/usrlocalbin/ /usr/local/bin/");
        // trust store bakedroots: no CA bundle; with 'system' the bundle is a COPY of its own between the two
    }

    @Test
    void everyFromIsDigestPinnedOrScratch() throws Exception {
        var text = DockerfileRenderer.render(imageProject("goproxy")).dockerfile();
        var from = Pattern.compile("^FROM (--platform=\\S+ )?(\\S+)", Pattern.MULTILINE).matcher(text);
        int count = 0;
        while (from.find()) {
            count++;
            assertThat(from.group(2)).matches("scratch|.+@sha256:[0-9a-f]{64}");
        }
        assertThat(count).isEqualTo(4);
    }

    @Test
    void labelsCarryTheVersionFromTheBuildArgument() throws Exception {
        var text = DockerfileRenderer.render(imageProject("goproxy")).dockerfile();

        assertThat(text).contains("ARG OCI_VERSION=dev")
                .contains("org.opencontainers.image.version=\"${OCI_VERSION}\"")
                .contains("org.opencontainers.image.title=\"mikrotik-tailscale\"");
    }

    @Test
    void theBuildScriptMapsTheArmVariantToGoarm() throws Exception {
        var script = DockerfileRenderer.render(imageProject("goproxy")).file("scripts/build-tailscale.sh").text();

        assertThat(script).contains("v7) goarm=7 ;;")
                .contains("GOARCH=\"$TARGETARCH\" GOARM=\"$goarm\"")
                .contains("ldflags=\"-s -w\"", "-trimpath -ldflags \"$ldflags\" -gcflags=all=-l")
                .contains("-X tailscale.com/version.shortStamp=$short -X tailscale.com/version.longStamp=$long")
                .contains("featuretags --min --add=\"$allow\"")
                .contains("upx --lzma --best");
    }

    @Test
    void busyboxIsPackedOnTheBuildPlatformSoTheTargetStageNeedsNoUpx() throws Exception {
        var context = DockerfileRenderer.render(imageProject("goproxy"));
        var stages = DockerfileRenderer.dockerfile(imageProject("goproxy")).stages();

        assertThat(stages.get(1).instructions()).extracting(Instruction::arguments)
                .noneMatch(arguments -> arguments.contains("upx"));
        assertThat(stages.get(2).instructions()).extracting(Instruction::arguments)
                .contains("--from=busybox /rootfs/ /rootfs/", "--mount=type=cache,id=tailscale-go-build,"
                        + "target=/var/cache/go/build \\\n    sh /opt/build/pack-busybox.sh");
        // The same tool step as the tailscale stage, so BuildKit shares it.
        assertThat(stages.get(2).instructions().get(1)).isEqualTo(stages.get(0).instructions().get(1));
        assertThat(context.file("scripts/pack-busybox.sh").text()).contains("upx --lzma --best", "upx -t");
        assertThat(context.file("scripts/build-busybox.sh").text()).doesNotContain("upx --");
    }

    @Test
    void crossCompiledBusyboxBuildsOnTheBuildPlatformSoNothingNeedsQemu() throws Exception {
        var dockerfile = DockerfileRenderer.dockerfile(ImageProjectPom.configuration().busyboxCrossCompile(true).build());
        var busybox = dockerfile.stages().get(1);

        assertThat(busybox.platform()).isEqualTo("$BUILDPLATFORM");
        assertThat(busybox.instructions()).extracting(Instruction::arguments)
                .contains("TARGETARCH", "TARGETVARIANT", "sh /opt/build/build-busybox.sh cross")
                .noneMatch(arguments -> arguments.contains("gcc:"));
        assertThat(dockerfile.stages()).filteredOn(stage -> stage.instructions().stream()
                        .anyMatch(i -> i.keyword().equals("RUN")))
                .extracting(Stage::platform).containsOnly("$BUILDPLATFORM");
    }

    @Test
    void theFeatureListHoldsTheWholeResolvedAllowlist() throws Exception {
        var spec = imageProject("goproxy");
        var list = DockerfileRenderer.render(spec).file("tailscale/features.txt").text();

        assertThat(list.lines().toList()).isEqualTo(spec.features().allowlist())
                .contains("cli", "c2n", "peerapiclient", "peerapiserver");
    }

    @Test
    void bakedRootsShipNoBundle() throws Exception {
        var spec = ImageProjectPom.configuration().trustStore("bakedroots").build();
        var context = DockerfileRenderer.render(spec);

        assertThat(context.dockerfile()).doesNotContain("COPY --from=tailscale /etc/ssl/certs");
        assertThat(context.file("tailscale/features.txt").text()).contains("bakedroots");
    }

    @Test
    void sourceChangesAreCopiedAndListedInOrder(@TempDir Path dir) throws Exception {
        var patch = Files.writeString(dir.resolve("no-panic.patch"), "--- a/x\n+++ b/x\n");
        var go = Files.writeString(dir.resolve("logfilter.go"), "package main\n");
        var spec = ImageProjectPom.configuration()
                .patch(new SourcePatch(patch, "exit node without netstack must not panic"))
                .sourceFile(new SourceFile(go, "cmd/tailscaled/extra.go", "quiet\tlogs"))
                .build();

        var context = DockerfileRenderer.render(spec);

        // after the image project's own: its patch for tka and its log filter
        assertThat(context.file("tailscale/changes/03-no-panic.patch").text()).startsWith("--- a/x");
        assertThat(context.file("tailscale/changes/files/cmd/tailscaled/extra.go").text()).isEqualTo("package main\n");
        assertThat(context.file("tailscale/changes/series").text().lines().skip(1).toList()).containsExactly(
                "patch\t01-tka-read-omitted-marker.patch\twithout tailnetlock, 'tailscale up' logs in and then fails"
                        + " reading the netmap (\"tailnet lock is not supported by this binary\"); the stub learns to"
                        + " read its own marker back",
                "patch\t02-tstun-inject-without-netstack.patch\t" + ImageProjectPom.configuration().build().patches().get(1)
                        .reason(),
                "patch\t03-no-panic.patch\texit node without netstack must not panic",
                "file\tfiles/cmd/tailscaled/magicdns.go\tcmd/tailscaled/magicdns.go\t" + ImageProjectPom.configuration()
                        .build().sourceFiles().get(0).reason(),
                "file\tfiles/cmd/tailscaled/logfilter.go\tcmd/tailscaled/logfilter.go\twithout logtail every [v1]/[v2]"
                        + " line reaches the router's log (~140 lines a minute with peers coming and going); this drops"
                        + " them at the default verbosity, --verbose=1 shows them",
                "file\tfiles/cmd/tailscaled/extra.go\tcmd/tailscaled/extra.go\tquiet logs");
    }

    @Test
    void userLabelsAreQuotedSafely() throws Exception {
        var spec = ImageProjectPom.configuration()
                .labels(new io.github.mikrotiktailscale.image.ImageLabels("t \"x\"", "d", "https://example.org/repo"))
                .build();

        assertThat(DockerfileRenderer.render(spec).dockerfile())
                .contains("org.opencontainers.image.title=\"t \\\"x\\\"\"")
                .contains("org.opencontainers.image.source=\"https://example.org/repo\"");
    }

    @Test
    void writingTheContextReplacesStaleFilesButKeepsReports(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("old"));
        Files.writeString(dir.resolve("old/stale.txt"), "x");
        Files.writeString(dir.resolve("features.md"), "report");
        var context = DockerfileRenderer.render(imageProject("goproxy"));

        context.writeTo(dir, java.util.Set.of("features.md"));

        assertThat(dir.resolve("old")).doesNotExist();
        assertThat(dir.resolve("features.md")).hasContent("report");
        assertThat(dir.resolve("Dockerfile")).hasContent(context.dockerfile());
        assertThat(Files.getPosixFilePermissions(dir.resolve("scripts/build-tailscale.sh")))
                .contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        // not the clock: the time follows the content, so a second write gives the same times
        assertThat(Files.getLastModifiedTime(dir.resolve("Dockerfile")))
                .isEqualTo(BuildContext.modificationTime(context.file("Dockerfile").content()));
    }

    @Test
    void theDockerfileModelRefusesARunInTheFinalStage() {
        var builder = Stage.from("x@sha256:" + "a".repeat(64)).as("b").build();
        var image = Stage.from("scratch").add("COPY", "--from=b /out/ /usr/local/bin/")
                .add("RUN", "ln -s a /usr/local/bin/b").build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Dockerfile(List.of(), List.of(builder, image)))
                .hasMessageContaining("must not RUN");
    }

    @Test
    void theDockerfileModelRefusesASecondLayerInUsrLocalBin() {
        var builder = Stage.from("x@sha256:" + "a".repeat(64)).as("b").build();
        var image = Stage.from("scratch").add("COPY", "--from=b /out/ /usr/local/bin/")
                .add("COPY", "--from=b /extra /usr/local/bin/extra").build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Dockerfile(List.of(), List.of(builder, image)))
                .hasMessageContaining("only one layer");
        assertThat(Dockerfile.writesBinaryDirectory("/usr/local/")).isTrue();
        assertThat(Dockerfile.writesBinaryDirectory("/usr/local/bin/x")).isTrue();
        assertThat(Dockerfile.writesBinaryDirectory("/usr/local/binary")).isFalse();
        assertThat(Dockerfile.writesBinaryDirectory("/")).isFalse();
    }
}
