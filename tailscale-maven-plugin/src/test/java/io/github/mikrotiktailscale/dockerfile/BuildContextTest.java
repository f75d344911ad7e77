package io.github.mikrotiktailscale.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sameSizeContentsGetDifferentTimes() {
        assertThat(BuildContext.modificationTime(bytes("ARG TAILSCALE_VERSION=v1.104.6\n")))
                .isNotEqualTo(BuildContext.modificationTime(bytes("ARG TAILSCALE_VERSION=v1.102.5\n")));
        assertThat(BuildContext.modificationTime(bytes("netstack\n")))
                .isNotEqualTo(BuildContext.modificationTime(bytes("osrouter\n")));
    }

    @Test
    void theTimeDependsOnTheContentOnlyAndIsAPlausibleDate() {
        var time = BuildContext.modificationTime(bytes("x"));

        assertThat(BuildContext.modificationTime(bytes("x"))).isEqualTo(time);
        assertThat(time.toInstant()).isBetween(Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2035-01-01T00:00:00Z"));
        assertThat(time.toInstant().getNano() % 1000).as("microseconds: what every file system keeps").isZero();
    }

    @Test
    void aRewrittenSameSizeFileGetsItsNewContentsTime(@TempDir Path dir) throws Exception {
        BuildContext.of(Map.of("Dockerfile", ContextFile.text("ARG V=v1.104.6\n"))).writeTo(dir, Set.of());
        var first = Files.getLastModifiedTime(dir.resolve("Dockerfile"));

        BuildContext.of(Map.of("Dockerfile", ContextFile.text("ARG V=v1.102.5\n"))).writeTo(dir, Set.of());

        assertThat(Files.getLastModifiedTime(dir.resolve("Dockerfile"))).isNotEqualTo(first)
                .isEqualTo(BuildContext.modificationTime(bytes("ARG V=v1.102.5\n")));
        assertThat(Files.size(dir.resolve("Dockerfile"))).isEqualTo(15);
    }
}
