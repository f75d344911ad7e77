package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.progress.Progress;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The Docker Registry HTTP API v2 for one repository, on the JDK's HTTP client: blobs, manifests
 * and tags. Authenticates the way registries ask (Basic, or a Bearer token from the realm in the
 * {@code WWW-Authenticate} challenge) and retries transient failures with backoff
 * ({@link RegistryHttp}). Credentials only ever travel in request headers to the registry itself.
 */
public final class RegistryClient {

    public static final String MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final ImageReference image;
    private final RegistryHttp http;

    public RegistryClient(ImageReference image, Optional<RegistryCredentials> credentials, int attempts,
            Duration firstDelay, Progress progress) {
        this(image, endpointOf(image), credentials, RegistryRetries.of(attempts, firstDelay), progress);
    }

    /**
     * @param endpoint where the registry's API answers ({@code scheme://host:port}); normally
     *     {@link #endpointOf}, another one in tests
     */
    public RegistryClient(ImageReference image, URI endpoint, Optional<RegistryCredentials> credentials,
            RegistryRetries retries, Progress progress) {
        this.image = image;
        this.http = new RegistryHttp(endpoint, image, credentials, retries, progress);
    }

    /** {@code https://ghcr.io}, {@code http://localhost:5000}: the origin of the image's registry. */
    public static URI endpointOf(ImageReference image) {
        return image.api("").resolve("/");
    }

    public ImageReference image() {
        return image;
    }

    public boolean hasBlob(String digest) throws EnvironmentException {
        var what = "check blob " + digest;
        var response = http.send(what, () -> request("blobs/" + digest).method("HEAD",
                HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return false;
        }
        expect(response, 200, what);
        return true;
    }

    /** Uploads a blob in one request (POST for an upload URL, then PUT with the digest). */
    public void pushBlob(String digest, Path file) throws EnvironmentException {
        var start = http.send("start upload of " + digest, () -> request("blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        expect(start, 202, "start upload of " + digest);
        var location = start.headers().firstValue("Location")
                .orElseThrow(() -> new EnvironmentException("The registry " + image.registry()
                        + " started an upload without saying where to send it (no Location header).", ""));
        var target = start.uri().resolve(location);
        var separator = target.getRawQuery() == null ? "?" : "&";
        var put = URI.create(target + separator + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        var done = http.send("upload " + digest, () -> {
            try {
                return HttpRequest.newBuilder(put).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofFile(file));
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException(e);
            }
        }, HttpResponse.BodyHandlers.ofString());
        expect(done, 201, "upload " + digest);
    }

    /** Stores a manifest under a tag or digest; returns the digest the registry computed. */
    public String putManifest(String reference, String mediaType, byte[] body) throws EnvironmentException {
        var response = http.send("put manifest " + reference, () -> request("manifests/" + reference)
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)),
                HttpResponse.BodyHandlers.ofString());
        expect(response, 201, "put manifest " + reference);
        return response.headers().firstValue("Docker-Content-Digest").orElse("");
    }

    /** A manifest as stored, asking with exactly one {@code Accept} value (as RouterOS does). */
    public Optional<Manifest> getManifest(String reference, String accept) throws EnvironmentException {
        var response = http.send("get manifest " + reference, () -> request("manifests/" + reference)
                .header("Accept", accept).GET(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, "get manifest " + reference);
        return Optional.of(new Manifest(response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Docker-Content-Digest").orElse(""), response.body()));
    }

    public byte[] getBlob(String digest) throws EnvironmentException {
        var response = http.send("get blob " + digest, () -> request("blobs/" + digest).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        expect(response, 200, "get blob " + digest);
        return response.body();
    }

    /** A manifest body with its media type and the digest the registry reports. */
    public record Manifest(String mediaType, String digest, byte[] body) {}

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(http.endpoint().resolve("/v2/" + image.repository() + "/" + path))
                .timeout(REQUEST_TIMEOUT);
    }

    private void expect(HttpResponse<?> response, int status, String what) throws EnvironmentException {
        if (response.statusCode() == status) {
            return;
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw RegistryErrors.refused(image, http.credentials(), what, response.statusCode());
        }
        var body = response.body() instanceof String text ? text : response.body() instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8) : "";
        throw new EnvironmentException("The registry " + image.registry() + " answered " + response.statusCode()
                + " to " + what + (body.isBlank() ? "." : ": " + abbreviate(body)), "");
    }

    private static String abbreviate(String text) {
        var flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    /** The {@code key="value"} pairs of a {@code WWW-Authenticate} challenge. */
    static Map<String, String> challengeParameters(String challenge) {
        return RegistryAuth.challengeParameters(challenge);
    }
}
