package io.github.mikrotiktailscale.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mikrotiktailscale.docker.Exec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from Docker's own store, as {@code docker login} left them: a credential helper
 * ({@code credHelpers}, {@code credsStore}) asked through stdin, or the base64 {@code auth} entry of
 * {@code config.json}. The secret never passes through a command line.
 */
public final class DockerConfigCredentials {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path configFile;
    private final Exec exec;

    public DockerConfigCredentials(Path configFile, Exec exec) {
        this.configFile = configFile;
        this.exec = exec;
    }

    /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
    public static Path defaultConfigFile() {
        var dir = System.getenv("DOCKER_CONFIG");
        return dir != null && !dir.isEmpty() ? Path.of(dir, "config.json")
                : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    }

    public Optional<RegistryCredentials> find(String registry) {
        if (!Files.isRegularFile(configFile)) {
            return Optional.empty();
        }
        try {
            var root = JSON.readTree(configFile.toFile());
            var helper = root.path("credHelpers").path(registry).asText(root.path("credsStore").asText(""));
            if (!helper.isEmpty()) {
                var fromHelper = askHelper(helper, registry);
                if (fromHelper.isPresent()) {
                    return fromHelper;
                }
            }
            for (var key : List.of(registry, "https://" + registry, "http://" + registry)) {
                var auth = root.path("auths").path(key).path("auth").asText("");
                if (!auth.isEmpty()) {
                    var decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    if (colon > 0) {
                        return Optional.of(new RegistryCredentials(decoded.substring(0, colon),
                                decoded.substring(colon + 1), "the Docker config " + configFile));
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private Optional<RegistryCredentials> askHelper(String helper, String registry) {
        var program = "docker-credential-" + helper;
        var out = new ArrayList<String>();
        try {
            var input = Files.createTempFile("registry", ".txt");
            try {
                Files.writeString(input, registry);
                int code = exec.run(List.of("sh", "-c", "exec \"$0\" get < \"$1\"", program, input.toString()), null,
                        Map.of(), out::add);
                if (code != 0) {
                    return Optional.empty();
                }
            } finally {
                Files.deleteIfExists(input);
            }
            var answer = JSON.readTree(String.join("\n", out));
            var user = answer.path("Username").asText("");
            var secret = answer.path("Secret").asText("");
            return user.isEmpty() || secret.isEmpty() ? Optional.empty()
                    : Optional.of(new RegistryCredentials(user, secret, "the Docker credential helper " + program));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
