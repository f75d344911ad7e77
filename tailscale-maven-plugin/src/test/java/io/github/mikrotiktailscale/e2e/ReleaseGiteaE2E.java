package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code tailscale:release} against a real Gitea, the forge the original publishes to: images and
 * manifest list through its container registry's token flow with credentials from settings.xml,
 * the tag pushed to its git over HTTP with credentials from a git credential helper, and the
 * router's exact requests (anonymous token, HEAD with one Accept value). Then the failures a
 * release must survive without moving {@code :stable} or leaving a tag behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseGiteaE2E {

    private static final String NAME = "mikrotik-tailscale";
    private static final String REPOSITORY = Gitea.USER + "/" + NAME;
    private static final String PASSWORD = "Gitea-e2e-Pa55word";
    private static final String SERVER_ID = "gitea";

    private static Gitea gitea;
    private static FixtureProject project;
    /** What the git credential helper hands to git: a token allowed to write repositories. */
    private static String gitToken;
    private static String readOnlyToken;

    @BeforeAll
    static void setUp() throws Exception {
        Toolchain.requireBaseImages();
        project = FixtureProject.copy("release");
        gitea = Gitea.start(project.directory().resolveSibling(project.directory().getFileName() + "-gitea"), PASSWORD);
        gitea.createRepository(NAME, PASSWORD);
        gitToken = gitea.accessToken("git-push", "write:repository");
        readOnlyToken = gitea.accessToken("pull-only", "read:package");
        project.initGit(false);
        project.git("remote", "add", "origin", gitea.url("/" + REPOSITORY + ".git"));
        project.git("config", "credential.helper",
                Toolchain.PROJECT_ROOT.resolve(".ci/lib/git-credential-from-env.sh").toString());
        project.server(SERVER_ID, Gitea.USER, PASSWORD);
    }

    @AfterAll
    static void tearDown() {
        if (gitea != null) {
            gitea.close();
        }
    }

    private static FixtureProject.Run release(String registryHost, String... properties) throws Exception {
        var props = new Properties();
        props.setProperty("tailscale.image", registryHost + "/" + REPOSITORY);
        props.setProperty("tailscale.registryServerId", SERVER_ID);
        props.setProperty("tailscale.registryAttempts", "2");
        for (var property : properties) {
            int eq = property.indexOf('=');
            props.setProperty(property.substring(0, eq), property.substring(eq + 1));
        }
        var run = project.maven(List.of("tailscale:release"), props,
                Map.of("GIT_PUSH_USER", Gitea.USER, "GIT_PUSH_TOKEN", gitToken));
        assertThat(run.log()).as("no secret reaches the log").doesNotContain(PASSWORD, gitToken, readOnlyToken);
        return run;
    }

    /** The tags on Gitea's side, read anonymously as anyone can. */
    private static String remoteTags() throws Exception {
        return project.git("ls-remote", "--tags", "origin");
    }

    /**
     * The digest of {@code reference} as routeros-scripts/update-tailscale.rsc reads it from Gitea: a
     * GET of the manifest list with only the Accept value (refused: Gitea wants a token), an
     * anonymous token from {@code /v2/token?scope=…:pull}, then the GET with Accept and the token;
     * the digest is the SHA-256 of the body the router received. "none" when there is no such tag.
     */
    private static String asTheRouterSees(String reference) throws Exception {
        var http = HttpClient.newHttpClient();
        var manifest = URI.create(gitea.url("/v2/" + REPOSITORY + "/manifests/" + reference));
        var plain = http.send(HttpRequest.newBuilder(manifest).GET().header("Accept", ReleaseE2E.ROUTER_ACCEPT).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(plain.statusCode()).as("Gitea serves no manifest without a token").isEqualTo(401);
        var tokenReply = http.send(HttpRequest.newBuilder(URI.create(gitea.url("/v2/token?scope=repository:"
                + REPOSITORY + ":pull"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokenReply.statusCode()).isEqualTo(200);
        var token = new ObjectMapper().readTree(tokenReply.body()).path("token").asText();
        assertThat(token).isNotEmpty();
        var response = http.send(HttpRequest.newBuilder(manifest).GET().header("Accept", ReleaseE2E.ROUTER_ACCEPT)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return "none";
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(ReleaseE2E.ROUTER_ACCEPT);
        return "sha256:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(response.body()));
    }

    /** A failed release left no local or remote tag of its own, no image under it, and :stable where it was. */
    private static void assertNothingReleased(String remoteTagsBefore, String stableBefore) throws Exception {
        assertThat(project.git("tag", "-l")).isEqualTo("v1.98.3-mt.1");
        assertThat(remoteTags()).isEqualTo(remoteTagsBefore);
        assertThat(asTheRouterSees("stable")).isEqualTo(stableBefore);
        assertThat(asTheRouterSees("v1.98.3-mt.2")).isEqualTo("none");
    }

    private static void commitChange(String text) throws Exception {
        Files.writeString(project.file("context/hello.txt"), text + "\n");
        project.git("commit", "-q", "-am", text);
    }

    @Test
    @Order(1)
    void aReleasePublishesToGiteasRegistryAndPushesTheTagToItsGit() throws Exception {
        var run = release(gitea.host());

        assertThat(run.succeeded()).as("%s", run).isTrue();
        var report = new ObjectMapper().readTree(project.file("target/release.json").toFile());
        var digest = report.path("indexDigest").asText();
        assertThat(report.path("tag").asText()).isEqualTo("v1.98.3-mt.1");
        assertThat(report.path("platforms")).hasSize(3);
        assertThat(run.log()).contains("Registry credentials for " + gitea.host() + " from settings.xml server 'gitea'",
                "checked " + gitea.host() + "/" + REPOSITORY + ":v1.98.3-mt.1: linux/amd64, linux/arm64, linux/arm/v7",
                "Pushed v1.98.3-mt.1 to origin");
        assertThat(asTheRouterSees("stable")).isEqualTo(digest);
        assertThat(asTheRouterSees("v1.98.3-mt.1")).isEqualTo(digest);
        assertThat(remoteTags()).contains("refs/tags/v1.98.3-mt.1");
        // the pushes went through Gitea's token service, not Basic on the registry
        assertThat(gitea.log()).contains("GET /v2/token?scope=repository%3A" + Gitea.USER + "%2F" + NAME + "%3Apull%2Cpush");
        assertThat(Files.readString(project.file("target/release.json"))).doesNotContain(PASSWORD, gitToken);
    }

    @Test
    @Order(2)
    void aWrongPasswordFailsWithoutTagOrStableChange() throws Exception {
        commitChange("second");
        var before = asTheRouterSees("stable");
        var tagsBefore = remoteTags();
        project.clearServers().server(SERVER_ID, Gitea.USER, "wrong-password");
        try {
            var run = release(gitea.host(), "tailscale.revision=next");

            assertThat(run.succeeded()).isFalse();
            assertThat(run.log()).contains("refused", "settings.xml server 'gitea'", "Removed the tag v1.98.3-mt.2 again")
                    .doesNotContain("wrong-password");
        } finally {
            project.clearServers().server(SERVER_ID, Gitea.USER, PASSWORD);
        }
        assertNothingReleased(tagsBefore, before);
    }

    @Test
    @Order(3)
    void aTokenThatMayNotPushFailsWithoutTagOrStableChange() throws Exception {
        var before = asTheRouterSees("stable");
        var tagsBefore = remoteTags();
        project.clearServers().server(SERVER_ID, Gitea.USER, readOnlyToken);
        try {
            var run = release(gitea.host(), "tailscale.revision=next");

            assertThat(run.succeeded()).isFalse();
            assertThat(run.log()).contains("refused to start upload of sha256:", "(HTTP 401)", "needs push rights",
                    "Removed the tag v1.98.3-mt.2 again");
        } finally {
            project.clearServers().server(SERVER_ID, Gitea.USER, PASSWORD);
        }
        assertNothingReleased(tagsBefore, before);
    }

    @Test
    @Order(4)
    void giteaStoppingBetweenTagAndStableLeavesStableAndTheTags() throws Exception {
        var before = asTheRouterSees("stable");
        var tagsBefore = remoteTags();
        try (var proxy = new StoppingProxy(gitea.host(), Pattern.compile("/manifests/v1\\.98\\.3-mt\\.2$"), gitea::stop)) {
            var run = release(proxy.host(), "tailscale.revision=next");

            assertThat(proxy.stopped()).as("the proxy saw :v1.98.3-mt.2 pushed").isTrue();
            assertThat(run.succeeded()).isFalse();
            assertThat(run.log()).contains(":v1.98.3-mt.2 is published", "was not moved", "It still points at " + before,
                    "Removed the tag v1.98.3-mt.2 again");
        }
        gitea.restart();
        assertThat(project.git("tag", "-l")).isEqualTo("v1.98.3-mt.1");
        assertThat(remoteTags()).isEqualTo(tagsBefore);
        assertThat(asTheRouterSees("stable")).isEqualTo(before);
        assertThat(asTheRouterSees("v1.98.3-mt.2")).as("pushed before Gitea stopped").isNotEqualTo("none");
    }

    @Test
    @Order(5)
    void onceGiteaIsBackTheReleaseCompletesAndMovesStable() throws Exception {
        var before = asTheRouterSees("stable");

        var run = release(gitea.host(), "tailscale.revision=next");

        assertThat(run.succeeded()).as("%s", run).isTrue();
        var digest = new ObjectMapper().readTree(project.file("target/release.json").toFile()).path("indexDigest").asText();
        assertThat(digest).isNotEqualTo(before);
        assertThat(asTheRouterSees("stable")).isEqualTo(digest).isEqualTo(asTheRouterSees("v1.98.3-mt.2"));
        assertThat(remoteTags()).contains("refs/tags/v1.98.3-mt.1", "refs/tags/v1.98.3-mt.2");
    }
}
