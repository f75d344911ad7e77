package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.mikrotiktailscale.image.Platform;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router's side of a release, as far as this machine can play it: after a real
 * {@code tailscale:release}, make exactly the requests routeros-scripts/update-tailscale.rsc makes
 * (a GET of the followed tag with the one Accept value from its CONFIG block, with and without a
 * bearer token) and read the answer the way the script does: its platform's entry, the release
 * tag to pull instead of the moving tag, and the stored size it compares with free flash. The
 * token path runs against a second real registry on the same storage that requires bearer tokens,
 * issued by a loopback token endpoint this test signs them in (the registry checks them).
 */
class RouterContractE2E {

    private static final Path UPDATE = Toolchain.PROJECT_ROOT.resolve("routeros-scripts/update-tailscale.rsc");
    private static final Path DEPLOY = Toolchain.PROJECT_ROOT.resolve("routeros-scripts/deploy-tailscale.rsc");
    private static final Path IMAGE_POM = Toolchain.PROJECT_ROOT.resolve("image-project/pom.xml");
    private static final String REPOSITORY = "e2e/router-contract";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    private static Registry registry;
    private static FixtureProject project;
    private static HttpServer tokenEndpoint;
    private static String tokenRegistryPid;
    private static int tokenRegistryPort;

    @BeforeAll
    static void release() throws Exception {
        Toolchain.requireBaseImages();
        project = FixtureProject.copy("release");
        var registryDirectory = project.directory().resolveSibling(project.directory().getFileName() + "-registry");
        registry = Registry.startAnonymous(registryDirectory);
        project.initGit(false);
        var props = new Properties();
        props.setProperty("tailscale.image", registry.host() + "/" + REPOSITORY);
        props.setProperty("tailscale.pushTag", "false");
        var run = project.maven(List.of("tailscale:release"), props);
        assertThat(run.succeeded()).as("%s", run).isTrue();
        startTokenRegistry(registryDirectory.resolve("storage"), registryDirectory.resolveSibling(
                registryDirectory.getFileName() + "-token"));
    }

    @AfterAll
    static void stop() {
        if (tokenRegistryPid != null) {
            Toolchain.run(List.of("sh", "-c", "kill " + tokenRegistryPid + "; while kill -0 " + tokenRegistryPid
                    + " 2>/dev/null; do sleep 0.1; done"), 30);
        }
        if (tokenEndpoint != null) {
            tokenEndpoint.stop(0);
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** A value from a script's CONFIG block, with the image project's filtering applied. */
    private static String config(Path script, String variable) throws Exception {
        var m = Pattern.compile("(?m)^:local " + variable + " \"([^\"]*)\"").matcher(Files.readString(script));
        assertThat(m.find()).as("CONFIG variable %s in %s", variable, script).isTrue();
        var placeholder = Pattern.compile("@([A-Za-z.]+)@").matcher(m.group(1));
        var pom = Files.readString(IMAGE_POM);
        var out = new StringBuilder();
        while (placeholder.find()) {
            var property = Pattern.compile("<" + Pattern.quote(placeholder.group(1)) + ">([^<]*)<").matcher(pom);
            assertThat(property.find()).as("property %s in the image project", placeholder.group(1)).isTrue();
            placeholder.appendReplacement(out, property.group(1));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    /** The tag the updater follows: its own CONFIG value, else what deploy recorded. */
    private static String followedTag() throws Exception {
        var own = config(UPDATE, "followTag");
        return own.isEmpty() ? config(DEPLOY, "followTag") : own;
    }

    /** /tool/fetch http-header-field: "Name: value" pairs joined by commas, as the script builds them. */
    private static HttpRequest.Builder withHeaderFields(HttpRequest.Builder request, String fields) {
        for (var field : fields.split(",")) {
            int colon = field.indexOf(':');
            request.header(field.substring(0, colon).strip(), field.substring(colon + 1).strip());
        }
        return request;
    }

    private static HttpResponse<byte[]> get(String url, String headerFields) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url));
        if (!headerFields.isEmpty()) {
            withHeaderFields(request, headerFields);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The script's readEntry: first entry with the architecture (and variant, when one is wanted). */
    static Map<String, Object> entryAsTheScriptReadsIt(JsonNode list, String architecture, String variant) {
        for (var entry : list.path("manifests")) {
            var platform = entry.path("platform");
            if (platform.path("architecture").asText().equals(architecture)
                    && (variant.isEmpty() || platform.path("variant").asText("").equals(variant))) {
                var notes = entry.path("annotations");
                var bytes = notes.path("io.github.mikrotiktailscale.stored-bytes").asText("");
                return Map.of("digest", entry.path("digest").asText(),
                        "version", notes.path("org.opencontainers.image.version").asText(""),
                        "bytes", bytes.matches("\\d+") ? Long.parseLong(bytes) : 0L);
            }
        }
        return Map.of();
    }

    /** architecture-name of /system/resource to what the script looks for in the list. */
    private static String[] wanted(Platform platform) {
        return switch (platform.routerOsArchitecture()) {
            case "arm64" -> new String[] {"arm64", ""};
            case "arm" -> new String[] {"arm", "v7"};
            default -> new String[] {"amd64", ""};
        };
    }

    private static String sha256(byte[] body) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

    @Test
    void theRoutersGetYieldsDigestImmutableTagAndSizePerPlatform() throws Exception {
        assertThat(Files.readString(UPDATE)).contains(":local accept (\"Accept: \" . $manifestType)")
                .contains("($accept . \",Authorization: Bearer \" . $token)").doesNotContain("http-method=head");
        var accept = "Accept: " + config(UPDATE, "manifestType");
        var follow = followedTag();
        assertThat(follow).isEqualTo("stable");
        var base = "http://" + registry.host() + "/v2/" + REPOSITORY + "/manifests/";

        var response = get(base + follow, accept);
        assertThat(response.statusCode()).isEqualTo(200);
        var release = JSON.readTree(project.file("target/release.json").toFile());
        assertThat(sha256(response.body())).isEqualTo(release.path("indexDigest").asText());
        var sizes = JSON.readTree(project.file("target/images/size-report.json").toFile());
        var list = JSON.readTree(response.body());

        for (var platform : List.of(Platform.AMD64, Platform.ARM64, Platform.ARMV7)) {
            var want = wanted(platform);
            var entry = entryAsTheScriptReadsIt(list, want[0], want[1]);
            var digest = (String) entry.get("digest");
            System.out.println(platform.routerOsArchitecture() + ": " + entry);
            assertThat(digest).hasSize(71).startsWith("sha256:");
            assertThat(entry.get("version")).as("immutable tag for %s", platform).isEqualTo(release.path("tag").asText())
                    .isNotEqualTo(follow);
            long stored = 0;
            for (var image : sizes.path("images")) {
                if (image.path("name").asText().equals(platform.shortName())) {
                    stored = image.path("storedBytes").asLong();
                }
            }
            assertThat(stored).isPositive();
            assertThat(entry.get("bytes")).as("published size of %s", platform).isEqualTo(stored);

            // The immutable tag serves the same list, so RouterOS picks the same image from it.
            var byTag = get(base + entry.get("version"), accept);
            assertThat(byTag.statusCode()).isEqualTo(200);
            assertThat(entryAsTheScriptReadsIt(JSON.readTree(byTag.body()), want[0], want[1]).get("digest"))
                    .isEqualTo(digest);
            // repository@digest (pullByDigest "yes") names exactly that image.
            var byDigest = get(base + digest, "Accept: " + DOCKER_MANIFEST);
            assertThat(byDigest.statusCode()).isEqualTo(200);
            assertThat(sha256(byDigest.body())).isEqualTo(digest);
        }
    }

    @Test
    void withATokenTheScriptsSequenceGetsTheSameList() throws Exception {
        var accept = "Accept: " + config(UPDATE, "manifestType");
        var url = "http://127.0.0.1:" + tokenRegistryPort + "/v2/" + REPOSITORY + "/manifests/" + followedTag();
        // The script's tokenUrl: one query parameter, no ampersand.
        var tokenUrl = "http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/token?scope=repository:"
                + REPOSITORY + ":pull";
        assertThat(tokenUrl).doesNotContain("&");

        assertThat(get(url, accept).statusCode()).as("without a token").isEqualTo(401);
        var tokenBody = JSON.readTree(get(tokenUrl, "").body());
        var token = tokenBody.path("token").isTextual() ? tokenBody.path("token").asText()
                : tokenBody.path("access_token").asText();
        var response = get(url, accept + ",Authorization: Bearer " + token);
        assertThat(response.statusCode()).isEqualTo(200);
        var release = JSON.readTree(project.file("target/release.json").toFile());
        assertThat(sha256(response.body())).isEqualTo(release.path("indexDigest").asText());
    }

    /** A second registry on the release's storage that accepts only bearer tokens signed by this test's key. */
    private static void startTokenRegistry(Path storage, Path directory) throws Exception {
        Toolchain.delete(directory);
        Files.createDirectories(directory);
        var key = directory.resolve("key.der");
        var cert = directory.resolve("cert.pem");
        var made = Toolchain.run(List.of("sh", "-c", "cd " + directory + " && openssl req -x509 -newkey rsa:2048 -nodes"
                + " -keyout key.pem -out cert.pem -subj /CN=e2e-token -days 1 2>&1 && openssl pkcs8 -topk8 -nocrypt"
                + " -in key.pem -outform DER -out key.der"), 60);
        assertThat(made.code()).as(made.output()).isZero();
        var pem = Files.readString(cert).replaceAll("-----[A-Z ]+-----|\\s", "");
        var privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(key)));

        tokenEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokenEndpoint.createContext("/token", exchange -> {
            try {
                var scope = exchange.getRequestURI().getQuery().replaceFirst("^scope=", "").split(":");
                var now = System.currentTimeMillis() / 1000;
                var header = Map.of("typ", "JWT", "alg", "RS256", "x5c", List.of(pem));
                var claims = Map.of("iss", "e2e-token", "sub", "", "aud", "e2e-registry", "exp", now + 300,
                        "nbf", now - 10, "iat", now, "jti", Long.toString(System.nanoTime()),
                        "access", List.of(Map.of("type", scope[0], "name", scope[1], "actions", List.of(scope[2]))));
                var b64 = Base64.getUrlEncoder().withoutPadding();
                var signed = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                        + b64.encodeToString(JSON.writeValueAsBytes(claims));
                var signer = Signature.getInstance("SHA256withRSA");
                signer.initSign(privateKey);
                signer.update(signed.getBytes(StandardCharsets.US_ASCII));
                var body = JSON.writeValueAsBytes(Map.of("token", signed + "." + b64.encodeToString(signer.sign())));
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        tokenEndpoint.start();

        try (var socket = new ServerSocket(0)) {
            tokenRegistryPort = socket.getLocalPort();
        }
        var config = directory.resolve("config.yml");
        Files.writeString(config, String.join("\n", "version: 0.1", "storage:", "  filesystem:",
                "    rootdirectory: " + storage.toAbsolutePath(), "http:", "  addr: 127.0.0.1:" + tokenRegistryPort,
                "auth:", "  token:", "    realm: http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/token",
                "    service: e2e-registry", "    issuer: e2e-token", "    rootcertbundle: " + cert, ""));
        var started = Toolchain.run(List.of("sh", "-c", "setsid nohup docker-registry serve " + config + " > "
                + directory.resolve("log") + " 2>&1 < /dev/null & echo $!; for i in $(seq 100); do"
                + " [ \"$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:" + tokenRegistryPort + "/v2/)\" ="
                + " 401 ] && exit 0; sleep 0.1; done; exit 1"), 30);
        tokenRegistryPid = started.output().trim().lines().findFirst().orElse(null);
        assertThat(started.code()).as("token registry: %s", started.output()).isZero();
    }
}
