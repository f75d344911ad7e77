package io.github.mikrotiktailscale.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What a registry's {@code WWW-Authenticate} challenge asks for: Basic with the credentials, or a
 * Bearer token from its token service (with the credentials, or anonymous without). Tokens are
 * kept per repository scope and fetched again only when the registry stops accepting them.
 */
final class RegistryAuth {

    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The OAuth client id sent with an identity token, as Docker sends its own. */
    private static final String CLIENT_ID = "tailscale-maven-plugin";

    private final HttpClient http;
    private final ImageReference image;
    private final Optional<RegistryCredentials> credentials;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile String basic;

    RegistryAuth(HttpClient http, ImageReference image, Optional<RegistryCredentials> credentials) {
        this.http = http;
        this.image = image;
        this.credentials = credentials;
    }

    /** The scope every request of this client needs: it reads and writes one repository. */
    String scope() {
        return "repository:" + image.repository() + ":pull,push";
    }

    /** The {@code Authorization} value to send, or {@code null} while the registry has not asked. */
    String header() {
        var token = tokens.get(scope());
        return token != null ? token : basic;
    }

    Optional<RegistryCredentials> credentials() {
        return credentials;
    }

    /** Answers a 401: Basic from now on, or a fresh token for this scope. */
    void answer(String challenge, String what) throws EnvironmentException, IOException, InterruptedException {
        var scheme = challenge.split(" ", 2)[0].trim();
        if (scheme.equalsIgnoreCase("Basic")) {
            var creds = credentials.orElseThrow(() -> RegistryErrors.noCredentials(image, what));
            if (creds.isIdentityToken()) {
                throw new EnvironmentException("The registry " + image.registry() + " asks for a password (Basic"
                        + " authentication), but the credentials found are an identity token (" + creds + ").",
                        "Log in with a user name and password: a <server> with id '" + image.registry()
                                + "' in settings.xml, or 'docker login " + image.registry() + "' with a password.");
            }
            basic = "Basic " + base64(creds.username() + ":" + creds.password());
            return;
        }
        if (!scheme.equalsIgnoreCase("Bearer")) {
            throw new EnvironmentException("The registry " + image.registry() + " asks for '" + scheme
                    + "' authentication, which this plugin does not speak.", "Use a registry with Basic or token auth.");
        }
        var params = challengeParameters(challenge);
        var realm = params.get("realm");
        if (realm == null || realm.isBlank()) {
            throw new EnvironmentException("The registry " + image.registry() + " sent a token challenge without a realm.", "");
        }
        tokens.put(scope(), "Bearer " + fetchToken(URI.create(realm), params.get("service"), what));
    }

    private String fetchToken(URI realm, String service, String what)
            throws EnvironmentException, IOException, InterruptedException {
        var query = new StringBuilder("scope=").append(encode(scope()));
        if (service != null) {
            query.append("&service=").append(encode(service));
        }
        var creds = credentials.orElse(null);
        HttpRequest request;
        if (creds != null && creds.isIdentityToken()) {
            // OAuth refresh grant: the identity token is a refresh token, sent in the body, never in a URL.
            var form = query + "&grant_type=refresh_token&client_id=" + CLIENT_ID + "&refresh_token="
                    + encode(creds.password());
            request = HttpRequest.newBuilder(realm).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        } else {
            var builder = HttpRequest.newBuilder(URI.create(realm + (realm.getRawQuery() == null ? "?" : "&") + query))
                    .timeout(Duration.ofSeconds(30)).GET();
            if (creds != null) {
                builder.header("Authorization", "Basic " + base64(creds.username() + ":" + creds.password()));
            }
            request = builder.build();
        }
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw RegistryErrors.refused(image, credentials, what, status);
        }
        if (status >= 500 || status == 429) {
            throw new IOException("the token service answered " + status);
        }
        if (status != 200) {
            throw new EnvironmentException("The token service " + withoutQuery(realm) + " answered " + status + ".",
                    "Check that the registry is up.");
        }
        var body = JSON.readTree(response.body());
        var token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new EnvironmentException("The token service " + withoutQuery(realm) + " returned no token.", "");
        }
        return token;
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

    private static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
