package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router's side of a release, as far as this machine can play it: after a real release to a
 * registry that serves anonymous pulls, make exactly the request routeros-scripts/update-tailscale.rsc
 * makes (same URL, the one Accept value from its CONFIG block, HEAD, no token) and parse the reply
 * the way the script parses RouterOS's single header string. The digest must be release.json's.
 */
class RouterContractE2E {

    private static final Path SCRIPT = Toolchain.PROJECT_ROOT.resolve("routeros-scripts/update-tailscale.rsc");
    private static final Path IMAGE_POM = Toolchain.PROJECT_ROOT.resolve("image-project/pom.xml");
    private static final String REPOSITORY = "e2e/router-contract";

    private static Registry registry;
    private static FixtureProject project;

    @BeforeAll
    static void release() throws Exception {
        Toolchain.requireBaseImages();
        project = FixtureProject.copy("release");
        registry = Registry.startAnonymous(project.directory().resolveSibling(project.directory().getFileName()
                + "-registry"));
        project.initGit(false);
        var props = new Properties();
        props.setProperty("tailscale.image", registry.host() + "/" + REPOSITORY);
        props.setProperty("tailscale.pushTag", "false");
        var run = project.maven(List.of("tailscale:release"), props);
        assertThat(run.succeeded()).as("%s", run).isTrue();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    /** A value from the script's CONFIG block, with the image project's filtering applied. */
    private static String config(String variable) throws Exception {
        var m = Pattern.compile("(?m)^:local " + variable + " \"([^\"]*)\"").matcher(Files.readString(SCRIPT));
        assertThat(m.find()).as("CONFIG variable %s in %s", variable, SCRIPT).isTrue();
        var value = m.group(1);
        var placeholder = Pattern.compile("@([A-Za-z.]+)@").matcher(value);
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

    /** What the script does with the one header string /tool fetch returns: lower-case it, find the key. */
    static String digestAsTheScriptReadsIt(String headerString) {
        var text = headerString.toLowerCase(Locale.ROOT);
        var key = "docker-content-digest:";
        int at = text.indexOf(key);
        if (at < 0) {
            return "";
        }
        var rest = text.substring(at + key.length()).stripLeading();
        int end = rest.indexOf(';');
        var digest = end < 0 ? rest : rest.substring(0, end);
        return digest.length() == 71 && digest.startsWith("sha256:") ? digest : "";
    }

    @Test
    void theRoutersRequestGetsTheDigestTheReleaseReports() throws Exception {
        var accept = config("manifestType");
        assertThat(accept).isEqualTo(ReleaseE2E.ROUTER_ACCEPT);
        assertThat(config("imageTag")).isEqualTo("stable");
        var url = "http://" + registry.host() + "/v2/" + REPOSITORY + "/manifests/" + config("imageTag");

        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.discarding());
        // RouterOS hands the script every header in one string: "Name: value;Name: value".
        var headerString = response.headers().map().entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + ": " + v))
                .collect(Collectors.joining(";"));

        var report = new ObjectMapper().readTree(project.file("target/release.json").toFile());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(digestAsTheScriptReadsIt(headerString)).isEqualTo(report.path("indexDigest").asText())
                .isEqualTo(registry.headDigest(REPOSITORY, report.path("tag").asText(), accept).orElseThrow());
    }

    @Test
    void theScriptsParsingRuleHandlesTheShapesRouterOsReturns() {
        var digest = "sha256:" + "ab".repeat(32);
        assertThat(digestAsTheScriptReadsIt("Content-Type: x;Docker-Content-Digest: " + digest + ";Etag: \"y\""))
                .isEqualTo(digest);
        assertThat(digestAsTheScriptReadsIt("docker-content-digest:" + digest)).isEqualTo(digest);
        assertThat(digestAsTheScriptReadsIt("strict-transport-security: max-age=1; includeSubDomains")).isEmpty();
        assertThat(digestAsTheScriptReadsIt("docker-content-digest: sha256:short")).isEmpty();
    }
}
