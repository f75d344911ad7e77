package io.github.mikrotiktailscale.canary;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.image.SourceFile;
import io.github.mikrotiktailscale.image.SourcePatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the canary names from a real build's leftovers: planted log lines, a size report over budget, a failed smoke check. */
class BuildResultsTest {

    @TempDir
    Path images;

    List<SourcePatch> patches() throws Exception {
        var patch = images.resolve("tka-read-omitted-marker.patch");
        Files.writeString(patch, CanaryTest.PATCH);
        return List.of(new SourcePatch(patch, "reads the netmap"));
    }

    List<SourceFile> files() {
        return List.of(new SourceFile(Path.of("src/tailscale/logfilter.go"), "cmd/tailscaled/logfilter.go", "quiet"));
    }

    void log(String platform, String... lines) throws Exception {
        Files.createDirectories(images.resolve("logs"));
        Files.write(images.resolve("logs/" + platform + ".log"), List.of(lines));
    }

    @Test
    void eachKindOfBuildLogLineIsNamedOnceForAllPlatforms() throws Exception {
        for (var platform : List.of("amd64", "arm64")) {
            log(platform,
                    "#14 0.512 error: patch tka-read-omitted-marker.patch no longer applies to Tailscale v1.104.7.",
                    "#14 0.513 error: patch failed: tka/disabled_stub.go:6",
                    "#15 20.1 cmd/tailscaled/logfilter.go:21:9: undefined: log.SetOutputFilter",
                    "#15 20.1 ./ipn/ipnlocal/local.go:300:2: too many arguments in call to b.start",
                    "#16 1.0 error: Tailscale v1.104.7 has no feature: health",
                    "#17 1.0 go: tailscale.com@v1.104.7 requires go >= 1.27.4 (running go 1.26.8; GOTOOLCHAIN=local)",
                    "#18 2.0 go: gvisor.dev/gvisor@v0.0.0-20260915211658-a6f909f08a72: reading"
                            + " https://proxy.golang.org/gvisor.dev/gvisor/@v/v0.0.0-20260915211658-a6f909f08a72.zip: 403 Forbidden",
                    "#19 0.3 error: would enter the image: routecheck ");
        }

        var breaks = BuildResults.classify(images, 1, patches(), files());

        assertThat(breaks).extracting(Break::kind).containsExactly(BreakKind.PATCH, BreakKind.SOURCE_FILE,
                BreakKind.COMPILE, BreakKind.FEATURE_GONE, BreakKind.GO_VERSION, BreakKind.REFUSED_MODULE,
                BreakKind.FEATURE_MISMATCH);
        assertThat(breaks).allSatisfy(b -> assertThat(b.detail()).endsWith("(amd64, arm64)"));
        assertThat(breaks.get(0).subject()).isEqualTo(
                "patch tka-read-omitted-marker.patch, tka/disabled_stub.go hunk 1 of 1 (@@ -6,4 +6,7 @@ type AUMHash [32]byte)");
        assertThat(breaks.get(1).subject()).isEqualTo("logfilter.go -> cmd/tailscaled/logfilter.go");
        assertThat(breaks.get(1).detail()).contains("cmd/tailscaled/logfilter.go:21:9: undefined: log.SetOutputFilter");
        assertThat(breaks.get(2).subject()).isEqualTo("ipn/ipnlocal/local.go:300");
        assertThat(breaks.get(3).subject()).isEqualTo("health");
        assertThat(breaks.get(4).subject()).isEqualTo("Go 1.27.4");
        assertThat(breaks.get(5).subject()).isEqualTo("gvisor.dev/gvisor@v0.0.0-20260915211658-a6f909f08a72");
        assertThat(breaks.get(6).subject()).isEqualTo("would enter the image: routecheck");
    }

    @Test
    void aBudgetExceededSaysByHowMuchAndAFailedSmokeCheckItsLikelyCause() throws Exception {
        Files.writeString(images.resolve("size-report.json"), """
                {"passed": false, "images": [
                  {"name": "amd64", "budget": {"limitBytes": 5250000, "origin": "budgets/amd64", "usedBytes": 5200000, "within": true}},
                  {"name": "arm64", "budget": {"limitBytes": 4400000, "origin": "budgets/arm64", "usedBytes": 4488000, "within": false}}
                ]}
                """);
        Files.writeString(images.resolve("smoke-report.json"), """
                {"passed": false, "sections": [{"title": "linux/amd64", "checks": [
                  {"name": "tailscale version", "passed": true, "detail": "1.104.7"},
                  {"name": "tailscale up reads the netmap", "passed": false, "detail": "tailnet lock is not supported by this binary",
                   "cause": "the tka patch no longer does its job"}]}]}
                """);

        var breaks = BuildResults.classify(images, 1, List.of(), files());

        assertThat(breaks).extracting(Break::kind).containsExactly(BreakKind.BUDGET, BreakKind.SMOKE);
        assertThat(breaks.get(0).subject()).isEqualTo("arm64");
        assertThat(breaks.get(0).detail()).contains("stores 4,488,000 bytes", "budget 4,400,000 bytes", "over by 88,000 bytes (2.0 %)");
        assertThat(breaks.get(1).subject()).isEqualTo("linux/amd64: tailscale up reads the netmap");
        assertThat(breaks.get(1).detail()).contains("likely cause: the tka patch no longer does its job");
    }

    @Test
    void aFailedBuildThatNamesNothingIsStillABreak() throws Exception {
        log("amd64", "#3 0.1 something odd");

        assertThat(BuildResults.classify(images, 1, List.of(), files())).singleElement()
                .satisfies(b -> assertThat(b.kind()).isEqualTo(BreakKind.BUILD));
        assertThat(BuildResults.classify(images, 0, List.of(), files())).isEmpty();
    }

    @Test
    void theReportIsWrittenAsMarkdownAndJsonAndReadBack() throws Exception {
        var report = new CanaryReport("v1.104.7", "v1.102.5", "checks", List.of("catalogue 1.104"),
                List.of(Break.blocking(BreakKind.GO_VERSION, "Go 1.27.4", "needs | Go 1.27.4", "wait")), false, "", 2.5);
        var dir = images.resolve("canary");

        CanaryReportWriter.write(report, dir);

        assertThat(CanaryReportWriter.read(dir)).isEqualTo(report);
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"passed\" : false", "\"kind\" : \"GO_VERSION\"");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("# Upgrade canary: Tailscale v1.104.7 (pinned: v1.102.5)",
                "would not pass: 1 break.", "| Go version (stops the build) | Go 1.27.4 | needs \\| Go 1.27.4 | wait |",
                "The real build did not run");
        assertThat(report.withBuild(List.of()).passedChecks()).last().asString().contains("smoke");
    }
}
