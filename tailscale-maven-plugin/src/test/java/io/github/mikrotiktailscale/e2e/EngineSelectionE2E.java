package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine a user points Docker at is the one the build uses, for both halves of the plugin:
 * the buildx CLI and the docker-java client. The engine is reached through a recording socket, so
 * a client that ignored the setting would go to the default socket and the test would see no
 * requests from it ({@code /images/…/get} is docker-java's save; buildx never asks for it).
 */
class EngineSelectionE2E {

    private static final Path ENGINE_SOCKET = Path.of("/var/run/docker.sock");

    @TempDir
    Path temp;

    @BeforeAll
    static void engine() {
        Toolchain.requireBaseImages();
    }

    @Test
    void theCurrentDockerContextChoosesTheEngine() throws Exception {
        assumeTrue(System.getenv("DOCKER_HOST") == null, "DOCKER_HOST is set; it would override the context");
        var dockerConfig = Files.createDirectories(temp.resolve("docker-config"));
        try (var recorder = new EngineSocketRecorder(temp.resolve("engine.sock"), ENGINE_SOCKET)) {
            docker(dockerConfig, "context", "create", "tailscale-e2e", "--docker", "host=" + recorder.dockerHost());
            docker(dockerConfig, "context", "use", "tailscale-e2e");

            var run = build(Map.of("DOCKER_CONFIG", dockerConfig.toString()));

            assertBuiltThrough(recorder, run);
        }
    }

    @Test
    void dockerHostChoosesTheEngine() throws Exception {
        try (var recorder = new EngineSocketRecorder(temp.resolve("engine.sock"), ENGINE_SOCKET)) {
            var run = build(Map.of("DOCKER_HOST", recorder.dockerHost()));

            assertBuiltThrough(recorder, run);
        }
    }

    private static FixtureProject.Run build(Map<String, String> environment) throws Exception {
        var project = FixtureProject.copy("build");
        var properties = new Properties();
        properties.setProperty("tailscale.platforms", "amd64");
        properties.setProperty("tailscale.force", "true");
        return project.maven(List.of("package"), properties, environment);
    }

    private static void assertBuiltThrough(EngineSocketRecorder recorder, FixtureProject.Run run) {
        assertThat(run.succeeded()).as("%s", run).isTrue();
        assertThat(run.log()).contains(") at " + recorder.dockerHost() + ";", "[amd64] built in");
        assertThat(recorder.requests())
                .as("docker-java's requests went through the chosen engine address")
                .containsPattern("GET /(v[0-9.]+/)?version HTTP/1\\.1")
                .containsPattern("GET /(v[0-9.]+/)?images/[^ ]+/get HTTP/1\\.1")
                .as("buildx went through it too")
                .containsPattern("POST /(v[0-9.]+/)?session HTTP/1\\.1");
    }

    private static void docker(Path dockerConfig, String... args) {
        var command = new java.util.ArrayList<String>(List.of("env", "DOCKER_CONFIG=" + dockerConfig, "docker"));
        command.addAll(List.of(args));
        var result = Toolchain.run(command, 30);
        assertThat(result.code()).as("%s: %s", command, result.output()).isZero();
    }
}
