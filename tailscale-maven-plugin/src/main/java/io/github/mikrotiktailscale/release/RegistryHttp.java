package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.progress.Progress;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sends the registry client's requests: authenticates when the registry asks, retries transient
 * failures, and follows redirects itself, because {@code Authorization} must reach only the
 * registry's own origin and never the storage host a blob redirect points at (signed URLs reject
 * it, and it would hand the credential to a third party).
 */
final class RegistryHttp {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final URI endpoint;
    private final ImageReference image;
    private final RegistryAuth auth;
    private final RegistryRetries retries;
    private final Progress progress;

    RegistryHttp(URI endpoint, ImageReference image, Optional<RegistryCredentials> credentials, RegistryRetries retries,
            Progress progress) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.endpoint = endpoint;
        this.image = image;
        this.auth = new RegistryAuth(http, image, credentials);
        this.retries = retries;
        this.progress = progress;
    }

    URI endpoint() {
        return endpoint;
    }

    Optional<RegistryCredentials> credentials() {
        return auth.credentials();
    }

    /**
     * Sends the request {@code factory} makes (anew for every try), authenticating on a 401 once per
     * call: a second 401 with a fresh token is returned for the caller to report.
     */
    <T> HttpResponse<T> send(String what, Supplier<HttpRequest.Builder> factory, HttpResponse.BodyHandler<T> handler)
            throws EnvironmentException {
        boolean answered = false;
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter = null;
            try {
                var request = factory.get().build();
                var response = follow(authorize(request), handler);
                if (response.statusCode() == 401 && !answered) {
                    auth.answer(response.headers().firstValue("WWW-Authenticate").orElse(""), what);
                    answered = true;
                    attempt--;
                    continue;
                }
                int status = response.statusCode();
                if ((status < 500 && status != 429) || attempt >= retries.attempts()) {
                    return response;
                }
                retryAfter = retryAfter(response);
                progress.warn("registry answered " + status + " to " + what + "; retrying in "
                        + retries.delayAfter(attempt, retryAfter).toMillis() + " ms");
            } catch (IOException e) {
                if (attempt >= retries.attempts()) {
                    throw RegistryErrors.unreachable(image, endpoint, what, e, retries.attempts());
                }
                progress.warn("cannot " + what + " (" + RegistryErrors.describe(e) + "); retrying in "
                        + retries.delayAfter(attempt, null).toMillis() + " ms");
            } catch (UncheckedIOException e) {
                throw new EnvironmentException("Cannot read " + e.getCause().getMessage(), "", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentException("Interrupted while talking to " + image.registry() + ".", "", e);
            }
            try {
                retries.sleeper().sleep(retries.delayAfter(attempt, retryAfter));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentException("Interrupted while waiting to retry.", "", e);
            }
        }
    }

    /** The request with the current credentials, if it goes to the registry itself. */
    private HttpRequest authorize(HttpRequest request) {
        var header = auth.header();
        if (header == null || !sameOrigin(request.uri(), endpoint)) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                .header("Authorization", header).build();
    }

    private <T> HttpResponse<T> follow(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        var current = request;
        for (int hop = 0; ; hop++) {
            var response = http.send(current, handler);
            var location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            if (hop >= MAX_REDIRECTS) {
                throw new IOException("more than " + MAX_REDIRECTS + " redirects");
            }
            var target = current.uri().resolve(location.get());
            // Built from the original request, so the header is dropped for a foreign host and only there.
            boolean keepAuthorization = sameOrigin(target, endpoint);
            var next = HttpRequest.newBuilder(request,
                    (name, value) -> keepAuthorization || !name.equalsIgnoreCase("Authorization")).uri(target);
            var method = request.method();
            if (response.statusCode() == 303 && !method.equals("HEAD")
                    || (response.statusCode() == 301 || response.statusCode() == 302) && method.equals("POST")) {
                next.GET();
            }
            current = next.build();
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        var value = response.headers().firstValue("Retry-After").orElse("");
        return value.matches("\\d{1,6}") ? Duration.ofSeconds(Long.parseLong(value)) : null;
    }
}
