package io.github.mikrotiktailscale.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.docker.ProcessExec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsAndReferencesTest {

    @Test
    void parsesWhereAnImageIsPublished() throws Exception {
        var ghcr = ImageReference.parse("ghcr.io/owner/mikrotik-tailscale", false);
        assertThat(ghcr.registry()).isEqualTo("ghcr.io");
        assertThat(ghcr.repository()).isEqualTo("owner/mikrotik-tailscale");
        assertThat(ghcr.api("manifests/stable").toString()).isEqualTo("https://ghcr.io/v2/owner/mikrotik-tailscale/manifests/stable");
        assertThat(ghcr.withTag("stable")).isEqualTo("ghcr.io/owner/mikrotik-tailscale:stable");

        var local = ImageReference.parse("localhost:5000/e2e/name", false);
        assertThat(local.insecure()).isTrue();
        assertThat(local.api("").toString()).startsWith("http://localhost:5000/v2/e2e/name/");

        var hub = ImageReference.parse("someone/image", false);
        assertThat(hub.registry()).isEqualTo("docker.io");
        assertThat(hub.api("x").getHost()).isEqualTo("registry-1.docker.io");
        assertThat(ImageReference.parse("busybox", false).repository()).isEqualTo("library/busybox");
    }

    @Test
    void aReferenceWithATagOrDigestIsRefused() {
        assertThatThrownBy(() -> ImageReference.parse("ghcr.io/o/n:stable", false)).hasMessageContaining("tag or digest");
        assertThatThrownBy(() -> ImageReference.parse("localhost:5000/n:1", false)).hasMessageContaining("tag or digest");
        assertThatThrownBy(() -> ImageReference.parse("o/n@sha256:abc", false)).hasMessageContaining("tag or digest");
        assertThatThrownBy(() -> ImageReference.parse("ghcr.io/Upper/Case", false))
                .hasMessageContaining("not a valid repository name");
    }

    @Test
    void readsDockerLoginsAuthEntries(@TempDir Path dir) throws Exception {
        var auth = Base64.getEncoder().encodeToString("me:pa:ss".getBytes(StandardCharsets.UTF_8));
        var config = Files.writeString(dir.resolve("config.json"),
                "{\"auths\": {\"registry.example:5000\": {\"auth\": \"" + auth + "\"}}}");

        var found = new DockerConfigCredentials(config, new ProcessExec()).find("registry.example:5000");

        assertThat(found).hasValueSatisfying(c -> {
            assertThat(c.username()).isEqualTo("me");
            assertThat(c.password()).isEqualTo("pa:ss");
            assertThat(c.toString()).doesNotContain("pa:ss").contains("the Docker config");
        });
        assertThat(new DockerConfigCredentials(config, new ProcessExec()).find("other")).isEmpty();
    }

    @Test
    void readsTheChallengeOfATokenRegistry() {
        var params = RegistryClient.challengeParameters(
                "Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:o/n:pull\"");

        assertThat(params).containsEntry("realm", "https://ghcr.io/token").containsEntry("service", "ghcr.io")
                .containsEntry("scope", "repository:o/n:pull");
    }
}
