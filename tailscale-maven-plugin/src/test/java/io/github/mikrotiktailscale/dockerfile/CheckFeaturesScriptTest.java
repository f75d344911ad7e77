package io.github.mikrotiktailscale.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build stage's guard for a release newer than the plugin's catalogue: what featuretags
 * keeps must be what the plugin resolved, or the build stops naming what would enter or leave.
 * Run by the machine's /bin/sh with the script as the context ships it.
 */
class CheckFeaturesScriptTest {

    @TempDir
    Path dir;

    private Path script;

    @BeforeEach
    void script() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        script = dir.resolve("check-features.sh");
        Files.writeString(script, DockerfileRenderer.render(ImageProjectPom.configuration().build())
                .file("scripts/check-features.sh").text());
        Files.writeString(dir.resolve("known"), "advertiseroutes\nc2n\ncli\nnattraversal\nportmapper\nudptransport\n");
        Files.writeString(dir.resolve("expected"), "cli\nportmapper\n");
    }

    private record Result(int code, String output) {}

    private Result run(String minTags, String tags) throws Exception {
        var process = new ProcessBuilder(List.of("/bin/sh", script.toString(), dir.resolve("known").toString(), minTags,
                tags, dir.resolve("expected").toString())).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static final String MIN = "ts_omit_advertiseroutes,ts_omit_c2n,ts_omit_nattraversal,ts_omit_portmapper,"
            + "ts_omit_udptransport";

    @Test
    void theSameFeaturesPass() throws Exception {
        var result = run(MIN, "ts_include_cli,ts_omit_advertiseroutes,ts_omit_c2n,ts_omit_nattraversal,"
                + "ts_omit_udptransport");

        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("features kept, as the plugin resolved them: cli portmapper");
    }

    @Test
    void aNewDependencyThatWouldEnterStopsTheBuild() throws Exception {
        // as Tailscale 1.104 does: portmapper now requires nattraversal, which requires udptransport
        var result = run(MIN, "ts_include_cli,ts_omit_advertiseroutes,ts_omit_c2n");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.output()).contains("would enter the image: nattraversal udptransport")
                .contains("src/tools/feature-catalog/generate.sh");
    }

    @Test
    void aFeatureThatWouldLeaveStopsTheBuild() throws Exception {
        var result = run(MIN, MIN);

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.output()).contains("would leave the image: cli portmapper");
    }
}
