package io.github.mikrotiktailscale.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.docker.DockerfileFacts;
import io.github.mikrotiktailscale.gomodule.GoVersion;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoToolchainCheckTest {

    private static final String DOCKERFILE = """
            FROM --platform=$BUILDPLATFORM %s AS tailscale
            ARG TAILSCALE_VERSION=%s
            FROM scratch
            """;

    private static GoToolchainCheck.Sources sources(Map<String, String> goMods, Map<String, List<String>> envs) {
        return new GoToolchainCheck.Sources() {
            @Override
            public Optional<String> goMod(String version) throws IOException {
                if (goMods.containsKey("fail")) {
                    throw new IOException("connection refused");
                }
                return Optional.ofNullable(goMods.get(version));
            }

            @Override
            public Optional<List<String>> imageEnvironment(String image) {
                return Optional.ofNullable(envs.get(image));
            }
        };
    }

    private static DockerfileFacts facts(String image, String version) {
        return DockerfileFacts.read(DOCKERFILE.formatted(image, version));
    }

    @Test
    void aBuilderWithAnOlderGoFailsNamingBothAndTheFix() {
        var check = sources(Map.of("v1.104.7", "module tailscale.com\n\ngo 1.27.4\n"),
                Map.of("local/tailscale-builder:trixie", List.of("PATH=/usr/bin", "GOLANG_VERSION=1.26.8")));

        assertThatThrownBy(() -> GoToolchainCheck.verify(facts("local/tailscale-builder:trixie", "v1.104.7"), check))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("Tailscale v1.104.7 needs Go 1.27.4 or newer")
                .hasMessageContaining("local/tailscale-builder:trixie has Go 1.26.8")
                .satisfies(e -> assertThat(((EnvironmentException) e).suggestion())
                        .contains("GO_VERSION=1.27.4", "golang:1.27.4-alpine"));
    }

    @Test
    void aNewEnoughBuilderPasses() throws Exception {
        var check = sources(Map.of("v1.102.5", "go 1.26.6\n"), Map.of());

        var found = GoToolchainCheck.verify(facts("golang:1.26.8-alpine@sha256:" + "a".repeat(64), "v1.102.5"), check);

        assertThat(found).get().satisfies(f -> {
            assertThat(f.required()).contains(new GoVersion(1, 26, 6));
            assertThat(f.builderGo()).as("from the tag: the image is not pulled yet").contains(new GoVersion(1, 26, 8));
            assertThat(f.mismatch()).isFalse();
        });
    }

    @Test
    void whatCannotBeToldIsNotedNotFailed() throws Exception {
        var found = GoToolchainCheck.verify(facts("my/builder:1", "v1.102.5"), sources(Map.of("fail", ""), Map.of()));

        assertThat(found).get().satisfies(f -> {
            assertThat(f.mismatch()).isFalse();
            assertThat(f.note()).contains("connection refused", "cannot tell the Go release of my/builder:1");
        });
    }

    @Test
    void aDockerfileOfOnesOwnIsNotChecked() throws Exception {
        assertThat(GoToolchainCheck.verify(DockerfileFacts.read("FROM alpine\nRUN true\n"), sources(Map.of(), Map.of())))
                .isEmpty();
    }
}
