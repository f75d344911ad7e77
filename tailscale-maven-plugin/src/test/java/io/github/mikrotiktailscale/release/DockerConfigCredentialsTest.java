package io.github.mikrotiktailscale.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.docker.Exec;
import io.github.mikrotiktailscale.docker.ProcessExec;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.process.ProcessLimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's credential store as {@code docker login} leaves it, with real helper programs. */
class DockerConfigCredentialsTest {

    @TempDir
    Path dir;

    /**
     * The real {@link ProcessExec}, finding programs in the test's directory first (the JDK looks
     * programs up on its own PATH, not on the one given to the child).
     */
    private final class HelperPath implements Exec {
        private final ProcessExec real = new ProcessExec();

        private Map<String, String> env(Map<String, String> environment) {
            var env = new HashMap<>(environment);
            env.put("PATH", dir + ":" + System.getenv("PATH"));
            return env;
        }

        @Override
        public int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines)
                throws IOException, InterruptedException {
            return real.run(command, directory, env(environment), lines);
        }

        @Override
        public Captured capture(List<String> command, Map<String, String> environment, String stdin, ProcessLimit limit)
                throws IOException, InterruptedException {
            var program = dir.resolve(command.get(0));
            var resolved = new java.util.ArrayList<>(command);
            if (Files.isExecutable(program)) {
                resolved.set(0, program.toString());
            }
            return real.capture(resolved, env(environment), stdin, limit);
        }
    }

    private Path config(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    private void helper(String name, String script) throws IOException {
        var file = dir.resolve("docker-credential-" + name);
        Files.writeString(file, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String auth(String userAndPassword) {
        return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsDockerHubUnderTheKeyDockerLoginUses() throws Exception {
        var config = config("{\"auths\": {\"https://index.docker.io/v1/\": {\"auth\": \"" + auth("hubuser:hubpass") + "\"}}}");
        var credentials = new DockerConfigCredentials(config, new HelperPath());

        for (var registry : List.of("docker.io", "index.docker.io", "registry-1.docker.io")) {
            assertThat(credentials.find(registry)).as(registry).hasValueSatisfying(c -> {
                assertThat(c.username()).isEqualTo("hubuser");
                assertThat(c.password()).isEqualTo("hubpass");
            });
        }
        assertThat(credentials.find("ghcr.io")).isEmpty();
    }

    @Test
    void matchesAuthKeysWrittenAsUrls() throws Exception {
        var config = config("{\"auths\": {\"https://git.example:3000/v2/\": {\"auth\": \"" + auth("u:p") + "\"}}}");

        assertThat(new DockerConfigCredentials(config, new HelperPath()).find("git.example:3000"))
                .hasValueSatisfying(c -> assertThat(c.password()).isEqualTo("p"));
    }

    @Test
    void readsIdentityTokens() throws Exception {
        var config = config("{\"auths\": {\"https://index.docker.io/v1/\": {\"auth\": \"\", \"identitytoken\": \"idt-42\"}}}");

        var found = new DockerConfigCredentials(config, new HelperPath()).find("docker.io");

        assertThat(found).hasValueSatisfying(c -> {
            assertThat(c.isIdentityToken()).isTrue();
            assertThat(c.password()).isEqualTo("idt-42");
            assertThat(c.toString()).doesNotContain("idt-42").startsWith("identity token from the Docker config");
        });
    }

    @Test
    void asksACredentialHelperThroughStdinWithDockerHubsServerUrl() throws Exception {
        helper("hubtest", "read server\n[ \"$server\" = https://index.docker.io/v1/ ] || exit 1\n"
                + "echo '{\"ServerURL\":\"x\",\"Username\":\"bot\",\"Secret\":\"tok\"}'\n");
        var config = config("{\"credsStore\": \"hubtest\"}");

        assertThat(new DockerConfigCredentials(config, new HelperPath()).find("docker.io")).hasValueSatisfying(c -> {
            assertThat(c.username()).isEqualTo("bot");
            assertThat(c.password()).isEqualTo("tok");
            assertThat(c.source()).isEqualTo("the Docker credential helper docker-credential-hubtest");
        });
    }

    @Test
    void aHelpersStderrIsNeverReadAsItsAnswer() throws Exception {
        helper("chatty", "read server\necho 'warning: keychain is slow' >&2\n"
                + "echo '{\"Username\":\"bot\",\"Secret\":\"tok\"}'\necho 'and done' >&2\n");
        var config = config("{\"credHelpers\": {\"git.example:3000\": \"chatty\"}}");

        assertThat(new DockerConfigCredentials(config, new HelperPath()).find("git.example:3000"))
                .hasValueSatisfying(c -> assertThat(c.password()).isEqualTo("tok"));
    }

    @Test
    void aHelpersIdentityTokenAnswerIsAnIdentityToken() throws Exception {
        helper("oauth", "read server\necho '{\"Username\":\"<token>\",\"Secret\":\"refresh-1\"}'\n");
        var config = config("{\"credHelpers\": {\"ghcr.io\": \"oauth\"}}");

        assertThat(new DockerConfigCredentials(config, new HelperPath()).find("ghcr.io"))
                .hasValueSatisfying(c -> assertThat(c.isIdentityToken()).isTrue());
    }

    @Test
    void aHelperThatKnowsNothingFallsBackToTheAuthEntry() throws Exception {
        helper("empty", "read server\necho 'credentials not found in native keychain'\nexit 1\n");
        var config = config("{\"credsStore\": \"empty\", \"auths\": {\"ghcr.io\": {\"auth\": \"" + auth("a:b") + "\"}}}");

        assertThat(new DockerConfigCredentials(config, new HelperPath()).find("ghcr.io"))
                .hasValueSatisfying(c -> assertThat(c.password()).isEqualTo("b"));
    }

    @Test
    void aHangingHelperIsStoppedAndNamed() throws Exception {
        helper("stuck", "sleep 60\n");
        var config = config("{\"credsStore\": \"stuck\"}");
        var credentials = new DockerConfigCredentials(config, new HelperPath(),
                ProcessLimit.total(Duration.ofMillis(500)));
        long started = System.nanoTime();

        assertThatThrownBy(() -> credentials.find("ghcr.io"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("The Docker credential helper 'docker-credential-stuck get' did not answer within 500 ms for"
                        + " ghcr.io and was stopped.");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aMissingHelperSaysSo() throws Exception {
        var config = config("{\"credsStore\": \"not-installed-anywhere\"}");

        assertThatThrownBy(() -> new DockerConfigCredentials(config, new HelperPath()).find("ghcr.io"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("docker-credential-not-installed-anywhere")
                .hasMessageContaining("cannot be run");
    }
}
