package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.progress.Progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.release.RecordingHttpServer.Reply;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry client against a real HTTP server on loopback that speaks the token flow. */
class RegistryClientTest {

    private static final String USER = "bot";
    private static final String PASSWORD = "s3cret-pass-word";

    private TokenRegistry registry;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        registry = new TokenRegistry(USER, PASSWORD);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private RegistryClient client(String repository, Optional<RegistryCredentials> credentials) throws Exception {
        var image = ImageReference.parse(registry.uri().getAuthority() + "/" + repository, false);
        var retries = new RegistryRetries(4, Duration.ofMillis(100), Duration.ofSeconds(10), sleeps::add);
        return new RegistryClient(image, registry.uri(), credentials, retries, Progress.to(log::add));
    }

    private RegistryClient client() throws Exception {
        return client("team/app", Optional.of(new RegistryCredentials(USER, PASSWORD, "the test")));
    }

    @Test
    void answersTheChallengeWithATokenAndRetries() throws Exception {
        registry.manifests.put("stable", "{}".getBytes(StandardCharsets.UTF_8));

        var manifest = client().getManifest("stable", RegistryClient.MANIFEST_LIST);

        assertThat(manifest).isPresent();
        var calls = registry.server.requests();
        assertThat(calls).extracting(RecordingHttpServer.Request::path)
                .containsExactly("/v2/team/app/manifests/stable", "/token", "/v2/team/app/manifests/stable");
        assertThat(calls.get(0).header("Authorization")).isNull();
        var token = calls.get(1);
        assertThat(token.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(TokenRegistry.form(token.query())).containsEntry("scope", "repository:team/app:pull,push")
                .containsEntry("service", "test-registry");
        assertThat(calls.get(2).header("Authorization")).isEqualTo("Bearer " + registry.issued.keySet().iterator().next());
        assertThat(calls.get(2).header("Accept")).isEqualTo(RegistryClient.MANIFEST_LIST);
    }

    @Test
    void fetchesOneTokenPerRepositoryScopeAndReusesIt(@TempDir Path dir) throws Exception {
        var client = client();
        var blob = Files.writeString(dir.resolve("layer"), "layer");
        var digest = TokenRegistry.sha256("layer".getBytes(StandardCharsets.UTF_8));

        assertThat(client.hasBlob(digest)).isFalse();
        client.pushBlob(digest, blob);
        assertThat(client.hasBlob(digest)).isTrue();
        client.putManifest("v1", RegistryClient.MANIFEST_LIST, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(client.getManifest("v1", RegistryClient.MANIFEST_LIST)).isPresent();
        var other = client("team/other", Optional.of(new RegistryCredentials(USER, PASSWORD, "the test")));
        other.getManifest("v1", RegistryClient.MANIFEST_LIST);

        assertThat(registry.issued.values()).containsExactly("repository:team/app:pull,push",
                "repository:team/other:pull,push");
        var first = registry.issued.keySet().iterator().next();
        var seen = registry.tokensSeenByRegistry();
        // one unauthenticated try per client; every later request of team/app carries the first token
        assertThat(seen.subList(1, 7)).containsOnly(first);
        assertThat(seen.get(7)).isEqualTo("-");
        assertThat(seen.get(8)).isNotEqualTo(first);
    }

    @Test
    void aFreshTokenThatIsRefusedFailsClearlyWithoutLooping() throws Exception {
        registry.acceptTokens = false;

        assertThatThrownBy(() -> client().getManifest("stable", RegistryClient.MANIFEST_LIST))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("refused to get manifest stable with the credentials of bot from the test (HTTP 401)");
        assertThat(registry.tokenRequests()).hasSize(1);
        assertThat(registry.registryRequests()).hasSize(2);
    }

    @Test
    void aWrongPasswordIsRefusedByTheTokenService() throws Exception {
        var wrong = client("team/app", Optional.of(new RegistryCredentials(USER, "wrong", "settings.xml server 'x'")));

        assertThatThrownBy(() -> wrong.hasBlob("sha256:00"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("refused to check blob sha256:00 with the credentials of bot from settings.xml"
                        + " server 'x' (HTTP 401)")
                .satisfies(e -> assertThat(((EnvironmentException) e).suggestion())
                        .startsWith("Check the user name and password (or token) in settings.xml server 'x'."));
        assertThat(registry.issued).isEmpty();
    }

    @Test
    void aTokenThatExpiresMidUploadIsRenewedAndTheUploadCompletes(@TempDir Path dir) throws Exception {
        var client = client();
        client.hasBlob("sha256:00"); // obtains the first token
        registry.expireOnUploadStart = true;
        var content = "a layer that takes a while".getBytes(StandardCharsets.UTF_8);
        var digest = TokenRegistry.sha256(content);

        client.pushBlob(digest, Files.write(dir.resolve("blob"), content));

        assertThat(registry.blobs).containsKey(digest);
        assertThat(registry.blobs.get(digest)).isEqualTo(content);
        assertThat(registry.issued).hasSize(2);
        var puts = registry.registryRequests().stream().filter(r -> r.method().equals("PUT")).toList();
        assertThat(puts).hasSize(2);
        var tokens = List.copyOf(registry.issued.keySet());
        assertThat(puts.get(0).header("Authorization")).isEqualTo("Bearer " + tokens.get(0));
        assertThat(puts.get(1).header("Authorization")).isEqualTo("Bearer " + tokens.get(1));
        assertThat(puts.get(1).body()).isEqualTo(content);
    }

    @Test
    void aRedirectToAnotherHostCarriesNoAuthorization() throws Exception {
        try (var storage = new RecordingHttpServer()) {
            storage.handle(r -> new Reply(200, java.util.Map.of(), "blob".getBytes(StandardCharsets.UTF_8)));
            var digest = TokenRegistry.sha256("blob".getBytes(StandardCharsets.UTF_8));
            registry.blobs.put(digest, "blob".getBytes(StandardCharsets.UTF_8));
            registry.blobStorage = storage.uriAsLocalhost();

            var body = client().getBlob(digest);

            assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("blob");
            var fetched = storage.requests();
            assertThat(fetched).hasSize(1);
            assertThat(fetched.get(0).query()).isEqualTo("signature=abc");
            assertThat(fetched.get(0).headers()).doesNotContainKey("authorization");
            // while the registry itself did get the token on the request it redirected
            assertThat(registry.registryRequests().get(registry.registryRequests().size() - 1).header("Authorization"))
                    .startsWith("Bearer ");
        }
    }

    @Test
    void aRedirectWithinTheRegistryKeepsAuthorization() throws Exception {
        var digest = TokenRegistry.sha256("blob".getBytes(StandardCharsets.UTF_8));
        registry.blobs.put(digest, "blob".getBytes(StandardCharsets.UTF_8));
        registry.blobStorage = registry.uri(); // the registry's own storage path wants the token too

        assertThat(new String(client().getBlob(digest), StandardCharsets.UTF_8)).isEqualTo("blob");

        var stored = registry.server.requests().stream().filter(r -> r.path().startsWith("/storage/")).toList();
        assertThat(stored).singleElement().satisfies(r -> assertThat(r.header("Authorization")).startsWith("Bearer "));
    }

    @Test
    void retriesServerErrorsAndTooManyRequestsWithGrowingWaits() throws Exception {
        registry.manifests.put("stable", "{}".getBytes(StandardCharsets.UTF_8));
        var client = client();
        client.hasBlob("sha256:00");
        registry.inject(Reply.of(503), Reply.of(502), Reply.of(429, "", "Retry-After", "7"));

        assertThat(client.getManifest("stable", RegistryClient.MANIFEST_LIST)).isPresent();

        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(7));
        assertThat(log).containsExactly("registry answered 503 to get manifest stable; retrying in 100 ms",
                "registry answered 502 to get manifest stable; retrying in 200 ms",
                "registry answered 429 to get manifest stable; retrying in 7000 ms");
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheRegistrysAnswer() throws Exception {
        var client = client();
        client.hasBlob("sha256:00");
        registry.inject(Reply.of(500, "boom"), Reply.of(500, "boom"), Reply.of(500, "boom"), Reply.of(500, "boom"));

        assertThatThrownBy(() -> client.putManifest("v1", RegistryClient.MANIFEST_LIST, new byte[] {'{', '}'}))
                .hasMessage("The registry " + registry.uri().getAuthority() + " answered 500 to put manifest v1: boom");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void aRegistryThatIsNotThereIsRetriedThenNamed() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var image = ImageReference.parse("127.0.0.1:" + port + "/team/app", false);
        var client = new RegistryClient(image, RegistryClient.endpointOf(image), Optional.empty(),
                new RegistryRetries(3, Duration.ofMillis(50), Duration.ofSeconds(1), sleeps::add), Progress.to(log::add));

        assertThatThrownBy(() -> client.getManifest("stable", RegistryClient.MANIFEST_LIST))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("Cannot reach the registry 127.0.0.1:" + port + " to get manifest stable (connection refused,"
                        + " after 3 attempts).");
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void anonymousTokensNeedNoCredentials() throws Exception {
        registry.manifests.put("stable", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(client("team/app", Optional.empty()).getManifest("stable", RegistryClient.MANIFEST_LIST)).isPresent();

        assertThat(registry.tokenRequests()).singleElement()
                .satisfies(r -> assertThat(r.headers()).doesNotContainKey("authorization"));
    }

    @Test
    void anIdentityTokenIsTradedInTheBodyNeverInTheUrl() throws Exception {
        registry.refreshToken = "refresh-me-123";
        registry.anonymousTokens = false;
        var creds = Optional.of(RegistryCredentials.identityToken("refresh-me-123", "the Docker config"));

        assertThat(client("team/app", creds).hasBlob("sha256:00")).isFalse();

        var token = registry.tokenRequests().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.query()).isNull();
        assertThat(token.headers()).doesNotContainKey("authorization");
        assertThat(TokenRegistry.form(token.bodyText())).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", "refresh-me-123").containsEntry("scope", "repository:team/app:pull,push")
                .containsEntry("service", "test-registry");
    }

    @Test
    void basicChallengesStillWork() throws Exception {
        registry.server.handle(request -> request.header("Authorization") == null
                ? Reply.of(401, "", "WWW-Authenticate", "Basic realm=\"registry\"")
                : Reply.of(404));

        assertThat(client().hasBlob("sha256:00")).isFalse();

        assertThat(registry.server.requests().get(1).header("Authorization")).startsWith("Basic ");
    }

    @Test
    void noCredentialOrTokenAppearsInAnyLogLineOrMessage(@TempDir Path dir) throws Exception {
        var messages = new ArrayList<String>();
        var client = client();
        registry.inject(Reply.of(503), Reply.of(429));
        client.hasBlob("sha256:00");
        registry.expireOnUploadStart = true;
        client.pushBlob(TokenRegistry.sha256(new byte[] {1}), Files.write(dir.resolve("b"), new byte[] {1}));
        registry.acceptTokens = false;
        for (var failing : List.<ThrowingCall>of(() -> client.putManifest("v1", RegistryClient.MANIFEST_LIST, new byte[0]),
                () -> client("team/app", Optional.of(new RegistryCredentials(USER, PASSWORD + "x", "the test")))
                        .hasBlob("sha256:00"))) {
            try {
                failing.call();
            } catch (EnvironmentException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    messages.add(String.valueOf(t.getMessage()));
                }
                messages.add(e.describe());
            }
        }

        assertThat(messages).isNotEmpty();
        var everything = new ArrayList<>(log);
        everything.addAll(messages);
        var secrets = new ArrayList<>(List.of(PASSWORD, Base64.getEncoder().encodeToString(
                (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))));
        secrets.addAll(registry.issued.keySet());
        assertThat(registry.issued).hasSizeGreaterThanOrEqualTo(2);
        for (var line : everything) {
            for (var secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        }
        assertThat(String.valueOf(new RegistryCredentials(USER, PASSWORD, "x"))).doesNotContain(PASSWORD);
        assertThat(String.valueOf(RegistryCredentials.identityToken("idtok", "x"))).doesNotContain("idtok");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void call() throws Exception;
    }
}
