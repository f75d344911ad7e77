package io.github.mikrotiktailscale.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mikrotiktailscale.docker.Exec;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.process.ProcessLimit;
import io.github.mikrotiktailscale.process.ProcessTimedOut;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from Docker's own store, as {@code docker login} left them: a credential helper
 * ({@code credHelpers}, {@code credsStore}) asked through stdin, or the {@code auth} or
 * {@code identitytoken} entry of {@code config.json}. Docker Hub's entries live under the key
 * {@value #DOCKER_HUB_KEY}. The secret never passes through a command line.
 */
public final class DockerConfigCredentials {

    /** Where {@code docker login} keeps Docker Hub's credentials, whatever the image name said. */
    public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
    /** A helper answers from a keychain or a file: anything longer is a helper waiting for someone. */
    static final ProcessLimit HELPER_LIMIT = ProcessLimit.total(Duration.ofSeconds(30));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DOCKER_HUB_HOSTS = List.of("docker.io", "index.docker.io", "registry-1.docker.io");

    private final Path configFile;
    private final Exec exec;
    private final ProcessLimit helperLimit;

    public DockerConfigCredentials(Path configFile, Exec exec) {
        this(configFile, exec, HELPER_LIMIT);
    }

    DockerConfigCredentials(Path configFile, Exec exec, ProcessLimit helperLimit) {
        this.configFile = configFile;
        this.exec = exec;
        this.helperLimit = helperLimit;
    }

    /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
    public static Path defaultConfigFile() {
        var dir = System.getenv("DOCKER_CONFIG");
        return dir != null && !dir.isEmpty() ? Path.of(dir, "config.json")
                : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    }

    /**
     * @throws EnvironmentException when a credential helper hangs or cannot be run: Docker itself
     *     fails then too, and pushing anonymously instead would only fail later and less clearly
     */
    public Optional<RegistryCredentials> find(String registry) throws EnvironmentException {
        JsonNode root;
        try {
            if (!Files.isRegularFile(configFile)) {
                return Optional.empty();
            }
            root = JSON.readTree(configFile.toFile());
        } catch (IOException e) {
            return Optional.empty();
        }
        var hub = DOCKER_HUB_HOSTS.contains(registry.toLowerCase(Locale.ROOT));
        var server = hub ? DOCKER_HUB_KEY : registry;
        var helper = helperFor(root, hub ? List.of(DOCKER_HUB_KEY, "index.docker.io", "docker.io") : List.of(registry));
        if (!helper.isEmpty()) {
            var fromHelper = askHelper(helper, server);
            if (fromHelper.isPresent()) {
                return fromHelper;
            }
        }
        var auths = root.path("auths");
        for (var names = auths.fieldNames(); names.hasNext(); ) {
            var key = names.next();
            if (hostOf(key).equalsIgnoreCase(hub ? "index.docker.io" : registry)
                    || (hub && DOCKER_HUB_HOSTS.contains(hostOf(key).toLowerCase(Locale.ROOT)))) {
                var entry = fromAuthEntry(auths.path(key));
                if (entry.isPresent()) {
                    return entry;
                }
            }
        }
        return Optional.empty();
    }

    private static String helperFor(JsonNode root, List<String> keys) {
        for (var key : keys) {
            var helper = root.path("credHelpers").path(key).asText("");
            if (!helper.isEmpty()) {
                return helper;
            }
        }
        return root.path("credsStore").asText("");
    }

    /** {@code https://index.docker.io/v1/} → {@code index.docker.io}; {@code host:5000} stays. */
    static String hostOf(String key) {
        var withScheme = key.contains("://") ? key : "dummy://" + key;
        try {
            var uri = URI.create(withScheme);
            if (uri.getHost() != null) {
                return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            }
        } catch (IllegalArgumentException e) {
            // not a URL: compare it as it is
        }
        return key;
    }

    private Optional<RegistryCredentials> fromAuthEntry(JsonNode entry) {
        var source = "the Docker config " + configFile;
        var identity = entry.path("identitytoken").asText("");
        if (!identity.isEmpty()) {
            return Optional.of(RegistryCredentials.identityToken(identity, source));
        }
        var auth = entry.path("auth").asText("");
        if (auth.isEmpty()) {
            return Optional.empty();
        }
        try {
            var decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 ? Optional.of(new RegistryCredentials(decoded.substring(0, colon),
                    decoded.substring(colon + 1), source)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<RegistryCredentials> askHelper(String helper, String server) throws EnvironmentException {
        var program = "docker-credential-" + helper;
        Exec.Captured answer;
        try {
            answer = exec.capture(List.of(program, "get"), Map.of(), server, helperLimit);
        } catch (ProcessTimedOut e) {
            throw new EnvironmentException("The Docker credential helper '" + program + " get' did not answer within "
                    + ProcessLimit.human(helperLimit.duration()) + " for " + server + " and was stopped.",
                    "It may be waiting for an unlocked keychain or a prompt nobody sees. Try 'echo " + server + " | "
                            + program + " get' by hand, or put the credentials in settings.xml (a <server> entry).", e);
        } catch (IOException e) {
            throw new EnvironmentException("The Docker credential helper " + program + " (named in " + configFile
                    + ") cannot be run: " + e.getMessage(), "Install it on the PATH, or remove it from " + configFile
                    + " and use a <server> entry in settings.xml.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while asking " + program + ".", "", e);
        }
        // Not found is an exit code and a message, never credentials; stderr is never read as JSON.
        if (answer.exitCode() != 0) {
            return Optional.empty();
        }
        try {
            var json = JSON.readTree(answer.stdout());
            var user = json.path("Username").asText("");
            var secret = json.path("Secret").asText("");
            var source = "the Docker credential helper " + program;
            if (user.isEmpty() || secret.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(user.equals(RegistryCredentials.IDENTITY_TOKEN_USER)
                    ? RegistryCredentials.identityToken(secret, source) : new RegistryCredentials(user, secret, source));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
