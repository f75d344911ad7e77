package io.github.mikrotiktailscale.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.build.PlatformBuild;
import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestedImagesTest {

    private static final String TAG = "v1.102.5-mt.1";
    private static final String AMD64 = "sha256:" + "a".repeat(64);
    private static final String ARM64 = "sha256:" + "b".repeat(64);

    @TempDir
    Path dir;

    private List<PlatformBuild> builds(String arm64Id) {
        return List.of(new PlatformBuild(Platform.AMD64, AMD64, dir.resolve("amd64.tar"), 1, 1, false, "h", "t", ""),
                new PlatformBuild(Platform.ARM64, arm64Id, dir.resolve("arm64.tar"), 1, 1, false, "h", "t", ""));
    }

    private void report(boolean passed, String version, String arm64Id) throws Exception {
        Files.writeString(dir.resolve(TestedImages.SMOKE_REPORT), """
                {"imageVersion": "%s", "passed": %s, "tested": {"linux/amd64": "%s", "linux/arm64": "%s"}}
                """.formatted(version, passed, AMD64, arm64Id));
    }

    @Test
    void exactlyTheTestedImagesMayBePublished() throws Exception {
        report(true, TAG, ARM64);

        TestedImages.require(dir, TAG, builds(ARM64), null);
    }

    @Test
    void anArchiveBuiltAfterTheTestIsRefusedNamingBothIdentities() throws Exception {
        var rebuilt = "sha256:" + "c".repeat(64);
        report(true, TAG, ARM64);

        assertThatThrownBy(() -> TestedImages.require(dir, TAG, builds(rebuilt), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("linux/arm64: the archive to publish is " + rebuilt + ", but the smoke test ran "
                        + ARM64)
                .hasMessageContaining("-Dtailscale.publishUntested=true");
    }

    @Test
    void withPinnedBasesOnlyImagesBuiltFromThemMayBePublished() throws Exception {
        var pinned = Files.createDirectories(dir.resolve("pinned"));
        Files.writeString(pinned.resolve("builder-amd64.txt"), "input go=1.26.8\nupx-ucl 4.2.4-1.1 amd64\n");
        var builder = io.github.mikrotiktailscale.archive.Digests.sha256(
                Files.readAllBytes(pinned.resolve("builder-amd64.txt")));
        var report = """
                {"imageVersion": "%s", "passed": true, "tested": {"linux/amd64": "%s", "linux/arm64": "%s"},
                 "bases": {"local/tailscale-builder:trixie": "%s"}}
                """;
        Files.writeString(dir.resolve(TestedImages.SMOKE_REPORT), report.formatted(TAG, AMD64, ARM64, builder));

        TestedImages.require(dir, TAG, builds(ARM64), pinned);

        Files.writeString(dir.resolve(TestedImages.SMOKE_REPORT), report.formatted(TAG, AMD64, ARM64, "unlabelled")
                .replace("local/tailscale-builder:trixie", "golang:1.26.8-alpine"));
        assertThatThrownBy(() -> TestedImages.require(dir, TAG, builds(ARM64), pinned))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("built from golang:1.26.8-alpine (identity unlabelled), which is not one of the"
                        + " bases CI tested (builder-amd64 " + builder.substring(0, 12))
                .hasMessageContaining("BASES_PIN=update");
    }

    @Test
    void noReportAFailedOneOrAnotherVersionsIsRefused() throws Exception {
        assertThatThrownBy(() -> TestedImages.require(dir, TAG, builds(ARM64), null))
                .hasMessageContaining("there is no smoke-report.json");
        report(false, TAG, ARM64);
        assertThatThrownBy(() -> TestedImages.require(dir, TAG, builds(ARM64), null))
                .hasMessageContaining("did not pass");
        report(true, "dev", ARM64);
        assertThatThrownBy(() -> TestedImages.require(dir, TAG, builds(ARM64), null))
                .hasMessageContaining("built as 'dev', not " + TAG);
        assertThat(dir.resolve(TestedImages.SMOKE_REPORT)).exists();
    }
}
