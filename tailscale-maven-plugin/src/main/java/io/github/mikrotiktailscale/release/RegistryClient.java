package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The Docker Registry HTTP API v2 for one repository, on the JDK's HTTP client: blobs, manifests
 * and tags. Authenticates the way registries ask (Basic, or a Bearer token from the realm in the
 * {@code WWW-Authenticate} challenge) and retries transient failures with backoff. Credentials
 * only ever travel in request headers.
 */
public final class RegistryClient {

    public static final String MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http;
    private final ImageReference image;
    private final Optional<RegistryCredentials> credentials;
    private final int attempts;
    private final Duration firstDelay;
    private final Consumer<String> log;
    private volatile String authorization;

    public RegistryClient(ImageReference image, Optional<RegistryCredentials> credentials, int attempts,
            Duration firstDelay, Consumer<String> log) {
        this.image = image;
        this.credentials = credentials;
        this.attempts = Math.max(1, attempts);
        this.firstDelay = firstDelay;
        this.log = log;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public ImageReference image() {
        return image;
    }

    public boolean hasBlob(String digest) throws EnvironmentException {
        var response = send("check blob " + digest, () -> request("blobs/" + digest).method("HEAD",
                HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    /** Uploads a blob in one request (POST for an upload URL, then PUT with the digest). */
    public void pushBlob(String digest, Path file) throws EnvironmentException {
        var start = send("start upload of " + digest, () -> request("blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        expect(start, 202, "start upload of " + digest);
        var location = start.headers().firstValue("Location")
                .orElseThrow(() -> new EnvironmentException("The registry " + image.registry()
                        + " started an upload without saying where to send it (no Location header).", ""));
        var target = start.uri().resolve(location);
        var separator = target.getQuery() == null ? "?" : "&";
        var put = URI.create(target + separator + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        var done = send("upload " + digest, () -> {
            try {
                return authorized(HttpRequest.newBuilder(put)).header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofFile(file));
            } catch (java.io.FileNotFoundException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, HttpResponse.BodyHandlers.ofString());
        expect(done, 201, "upload " + digest);
    }

    /** Stores a manifest under a tag or digest; returns the digest the registry computed. */
    public String putManifest(String reference, String mediaType, byte[] body) throws EnvironmentException {
        var response = send("put manifest " + reference, () -> request("manifests/" + reference)
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)),
                HttpResponse.BodyHandlers.ofString());
        expect(response, 201, "put manifest " + reference);
        return response.headers().firstValue("Docker-Content-Digest").orElse("");
    }

    /** A manifest as stored, asking with exactly one {@code Accept} value (as RouterOS does). */
    public Optional<Manifest> getManifest(String reference, String accept) throws EnvironmentException {
        var response = send("get manifest " + reference, () -> request("manifests/" + reference)
                .header("Accept", accept).GET(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, "get manifest " + reference);
        return Optional.of(new Manifest(response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Docker-Content-Digest").orElse(""), response.body()));
    }

    public byte[] getBlob(String digest) throws EnvironmentException {
        var response = send("get blob " + digest, () -> request("blobs/" + digest).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        expect(response, 200, "get blob " + digest);
        return response.body();
    }

    /** A manifest body with its media type and the digest the registry reports. */
    public record Manifest(String mediaType, String digest, byte[] body) {}

    private HttpRequest.Builder request(String path) {
        return authorized(HttpRequest.newBuilder(image.api(path)).timeout(Duration.ofMinutes(5)));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        var header = authorization;
        return header == null ? builder : builder.header("Authorization", header);
    }

    /** Sends with authentication on demand and retries for connection failures, 5xx and 429. */
    private <T> HttpResponse<T> send(String what, RequestFactory factory, HttpResponse.BodyHandler<T> handler)
            throws EnvironmentException {
        Duration delay = firstDelay;
        boolean authenticated = false;
        for (int attempt = 1; ; attempt++) {
            try {
                var response = http.send(factory.create().build(), handler);
                if (response.statusCode() == 401 && !authenticated) {
                    authenticate(response.headers().firstValue("WWW-Authenticate").orElse(""), what);
                    authenticated = true;
                    attempt--;
                    continue;
                }
                if ((response.statusCode() >= 500 || response.statusCode() == 429) && attempt < attempts) {
                    log.accept("registry answered " + response.statusCode() + " to " + what + "; retrying in "
                            + delay.toMillis() + " ms");
                } else {
                    return response;
                }
            } catch (IOException e) {
                if (attempt >= attempts) {
                    throw unreachable(what, e);
                }
                log.accept("cannot " + what + " (" + describe(e) + "); retrying in " + delay.toMillis() + " ms");
            } catch (java.io.UncheckedIOException e) {
                throw new EnvironmentException("Cannot read " + e.getCause().getMessage(), "", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentException("Interrupted while talking to " + image.registry() + ".", "", e);
            }
            sleep(delay);
            delay = delay.multipliedBy(2);
        }
    }

    private void authenticate(String challenge, String what) throws EnvironmentException, IOException,
            InterruptedException {
        var scheme = challenge.split(" ", 2)[0].trim();
        if (scheme.equalsIgnoreCase("Basic")) {
            var creds = credentials.orElseThrow(() -> noCredentials(what));
            authorization = "Basic " + basic(creds);
            return;
        }
        if (!scheme.equalsIgnoreCase("Bearer")) {
            throw new EnvironmentException("The registry " + image.registry() + " asks for '" + scheme
                    + "' authentication, which this plugin does not speak.", "Use a registry with Basic or token auth.");
        }
        var params = challengeParameters(challenge);
        var realm = params.get("realm");
        if (realm == null) {
            throw new EnvironmentException("The registry " + image.registry() + " sent a token challenge without a realm.", "");
        }
        var query = new StringBuilder("scope=").append(URLEncoder.encode(
                "repository:" + image.repository() + ":pull,push", StandardCharsets.UTF_8));
        if (params.containsKey("service")) {
            query.append("&service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        var tokenRequest = HttpRequest.newBuilder(URI.create(realm + (realm.contains("?") ? "&" : "?") + query))
                .timeout(Duration.ofSeconds(30)).GET();
        credentials.ifPresent(c -> tokenRequest.header("Authorization", "Basic " + basic(c)));
        var response = http.send(tokenRequest.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw refused(what, response.statusCode());
        }
        if (response.statusCode() != 200) {
            throw new EnvironmentException("The token service " + realm + " answered " + response.statusCode() + ".",
                    "Check that the registry is up.");
        }
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        var token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new EnvironmentException("The token service " + realm + " returned no token.", "");
        }
        authorization = "Bearer " + token;
    }

    private void expect(HttpResponse<?> response, int status, String what) throws EnvironmentException {
        if (response.statusCode() == status) {
            return;
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw refused(what, response.statusCode());
        }
        var body = response.body() instanceof String text ? text : response.body() instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8) : "";
        throw new EnvironmentException("The registry " + image.registry() + " answered " + response.statusCode()
                + " to " + what + (body.isBlank() ? "." : ": " + abbreviate(body)), "");
    }

    private EnvironmentException refused(String what, int status) {
        var how = credentials.map(c -> "with the " + c).orElse("without credentials");
        return new EnvironmentException("The registry " + image.registry() + " refused to " + what + " " + how
                + " (HTTP " + status + ").", "Check the user name and password: a <server> with id '"
                + image.registry() + "' in settings.xml (password encrypted with mvn --encrypt-password), or"
                + " 'docker login " + image.registry() + "'. The account needs push rights on " + image.repository() + ".");
    }

    private EnvironmentException noCredentials(String what) {
        return new EnvironmentException("The registry " + image.registry() + " wants credentials to " + what
                + ", and none were found.", "Add a <server> with id '" + image.registry() + "' to settings.xml, or run"
                + " 'docker login " + image.registry() + "'.");
    }

    private EnvironmentException unreachable(String what, IOException e) {
        return new EnvironmentException("Cannot reach the registry " + image.registry() + " to " + what + " ("
                + describe(e) + ", after " + attempts + " attempts).",
                "Check that the registry is running and reachable at " + image.api("") + ".", e);
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String basic(RegistryCredentials c) {
        return Base64.getEncoder().encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        var flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    private static void sleep(Duration delay) throws EnvironmentException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while waiting to retry.", "", e);
        }
    }

    @FunctionalInterface
    private interface RequestFactory {
        HttpRequest.Builder create();
    }

    /** The {@code key="value"} pairs of a {@code WWW-Authenticate} challenge. */
    static Map<String, String> challengeParameters(String challenge) {
        var params = new LinkedHashMap<String, String>();
        var m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        return params;
    }
}
