package io.github.mikrotiktailscale.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.progress.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a long build says while it runs, read from BuildKit's plain progress stream, and its closing table. */
class BuildProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theCurrentStepIsTheRunningOneThatPrintedLastWithItsTime() {
        var steps = new BuildKitSteps();
        steps.accept("#5 [busybox 2/5] RUN make -j2", 0);
        steps.accept("#7 [tailscale 4/8] RUN go build ./cmd/tailscaled", 2 * SECOND);
        steps.accept("#7 12.31 go: downloading tailscale.com v1.98.3", 14 * SECOND);

        assertThat(steps.current(112 * SECOND)).hasValue("#7 [tailscale 4/8] RUN go build ./cmd/tailscaled (1m50s)");

        steps.accept("#7 DONE 110.5s", 113 * SECOND);
        steps.accept("#5 80.2 CC libbb/xfuncs.o", 113 * SECOND);
        assertThat(steps.current(120 * SECOND)).hasValue("#5 [busybox 2/5] RUN make -j2 (2m00s)");

        steps.accept("#9 [tailscale 9/9] RUN --mount=type=cache,id=go-mod,target=/var/cache/go/mod "
                + "--mount=type=cache,id=go-build,target=/var/cache/go/build     sh /opt/build/build-tailscale.sh", 120 * SECOND);
        assertThat(steps.current(130 * SECOND)).hasValue("#9 [tailscale 9/9] RUN sh /opt/build/build-tailscale.sh (10s)");
        steps.accept("#9 DONE 10.0s", 130 * SECOND);
        steps.accept("#5 CACHED", 121 * SECOND);
        assertThat(steps.current(121 * SECOND)).isEmpty();
    }

    @Test
    void linesThatAreNotBuildKitStepsChangeNothing() {
        var steps = new BuildKitSteps();
        steps.accept("WARNING: No output specified", 0);
        steps.accept("#0 building with \"default\" instance using docker driver", 0);
        steps.accept("", 0);

        assertThat(steps.current(SECOND)).isEmpty();
    }

    @Test
    void aRunningBuildReportsItsStepAtInfoAndTheLogFileIsWrittenAsItGoes(@TempDir Path dir) throws Exception {
        var info = new CopyOnWriteArrayList<String>();
        var progress = new Progress() {
            @Override
            public void info(String line) {
                info.add(line);
            }

            @Override
            public void debug(String line) {}

            @Override
            public void warn(String line) {}

            @Override
            public void error(String line) {}
        };
        var file = dir.resolve("armv7.log");
        try (var log = new BuildLog(file, "[armv7] ", progress, Duration.ofMillis(50))) {
            log.line("#9 [tailscale 6/8] RUN go build");
            // flushed per line: the file can be followed while the build runs
            assertThat(Files.readAllLines(file)).containsExactly("#9 [tailscale 6/8] RUN go build");
            Thread.sleep(300);
        }
        int reported = info.size();

        assertThat(reported).isGreaterThanOrEqualTo(2);
        assertThat(info.get(0)).startsWith("[armv7] building for ").endsWith(": #9 [tailscale 6/8] RUN go build (0s)");
        Thread.sleep(150);
        assertThat(info).as("no report after the build ended").hasSize(reported);
    }

    @Test
    void theStatusIntervalIsWellInsideFifteenSeconds() {
        assertThat(ImageBuilder.STATUS_INTERVAL).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void theClosingTableShowsWallTimeNotTheSumOfParallelBuilds() {
        var builds = List.of(
                new PlatformBuild(Platform.AMD64, "sha256:aaaa", Path.of("amd64.tar"), 4_000_000, 300, false, "h", "", ""),
                new PlatformBuild(Platform.ARM64, "sha256:bbbb", Path.of("arm64.tar"), 3_900_000, 320, false, "h", "", ""));

        var lines = new BuildTable(builds, 331.4).render();

        assertThat(lines.get(lines.size() - 1)).startsWith("total (wall)").endsWith("331.4");
    }
}
