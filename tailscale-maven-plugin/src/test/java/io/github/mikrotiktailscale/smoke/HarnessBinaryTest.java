package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HarnessBinaryTest {

    private static final Path SOURCES = Path.of("src/main/resources/io/github/mikrotiktailscale/smoke/harness");

    @Test
    void everyFileOfTheHarnessModuleIsShipped() throws IOException {
        try (var files = Files.list(SOURCES)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(HarnessBinary.SOURCES);
        }
        assertThat(HarnessBinary.sources()).containsOnlyKeys(HarnessBinary.SOURCES);
    }

    @Test
    void theHarnessPinsTailscaleAndItsChecksums() {
        var goMod = new String(HarnessBinary.sources().get("go.mod"));
        var goSum = new String(HarnessBinary.sources().get("go.sum"));

        assertThat(goMod).containsPattern("(?m)^\\s*tailscale\\.com v1\\.\\d+\\.\\d+$");
        var version = goMod.replaceAll("(?s).*tailscale\\.com (v[0-9.]+).*", "$1");
        assertThat(goSum).contains("tailscale.com " + version + " h1:", "tailscale.com " + version + "/go.mod h1:");
    }

    @Test
    void aBuildIsNamedBySourcesAndBuilder() {
        var sources = HarnessBinary.sources();

        assertThat(HarnessBinary.version(sources, "golang:1.26")).hasSize(16)
                .isEqualTo(HarnessBinary.version(sources, "golang:1.26"))
                .isNotEqualTo(HarnessBinary.version(sources, "golang:1.27"));
    }

    @Test
    void theBuildTestsBeforeItCompilesAStaticBinary() {
        var script = HarnessBinary.buildCommand().get(2);

        assertThat(script).contains("go vet ./...", "go test ./...", "-trimpath", "-o /out/tailnet-harness");
        assertThat(script.indexOf("go test")).isLessThan(script.indexOf("go build"));
    }
}
