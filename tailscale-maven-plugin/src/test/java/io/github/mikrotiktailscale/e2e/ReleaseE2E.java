package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code tailscale:release} against a real registry with htpasswd authentication and a real git
 * repository with a remote: the happy path, then every failure the release must survive without
 * moving {@code :stable} or leaving a tag behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseE2E {

    /** The only Accept header RouterOS's update script sends. */
    static final String ROUTER_ACCEPT = "application/vnd.docker.distribution.manifest.list.v2+json";
    private static final String REPOSITORY = "e2e/mikrotik-tailscale";
    private static final String PASSWORD = "s3cret-Pa55word-e2e";
    private static final String SERVER_ID = "e2e-registry";

    private static Registry registry;
    private static FixtureProject project;
    private static String encryptedPassword;
    private static Path securitySettings;

    @BeforeAll
    static void setUp() throws Exception {
        Toolchain.requireBaseImages();
        project = FixtureProject.copy("release");
        registry = Registry.start(project.directory().resolveSibling(project.directory().getFileName() + "-registry"),
                PASSWORD);
        encryptPassword();
        project.server(SERVER_ID, Registry.USER, encryptedPassword);

        project.initGit(true);
    }

    @AfterAll
    static void tearDown() {
        if (registry != null) {
            registry.close();
        }
    }

    /** A master password and the registry password encrypted under it, as Maven users keep them. */
    private static void encryptPassword() throws Exception {
        var mvn = Path.of(System.getProperty("maven.home"), "bin", "mvn").toString();
        var master = Toolchain.run(List.of(mvn, "-q", "--encrypt-master-password", "master-e2e"), 120);
        var masterValue = lastBraced(master.output());
        securitySettings = project.directory().resolveSibling("settings-security.xml");
        Files.writeString(securitySettings, "<settingsSecurity><master>" + masterValue + "</master></settingsSecurity>\n");
        var encrypted = Toolchain.run(List.of(mvn, "-q", "-Dsettings.security=" + securitySettings,
                "--encrypt-password", PASSWORD), 120);
        encryptedPassword = lastBraced(encrypted.output());
    }

    private static String lastBraced(String output) {
        var m = Pattern.compile("\\{[^}\\s]+}").matcher(output);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        assertThat(last).as("encrypted value in: %s", output).isNotNull();
        return last;
    }

    private static String git(String... args) throws java.io.IOException {
        return project.git(args);
    }

    private static FixtureProject.Run release(String image, String... properties) throws Exception {
        var props = new Properties();
        props.setProperty("tailscale.image", image + "/" + REPOSITORY);
        props.setProperty("tailscale.registryServerId", SERVER_ID);
        props.setProperty("tailscale.registryAttempts", "2");
        props.setProperty("settings.security", securitySettings.toString());
        for (var property : properties) {
            int eq = property.indexOf('=');
            props.setProperty(property.substring(0, eq), property.substring(eq + 1));
        }
        var run = project.maven(List.of("tailscale:release"), props, Map.of());
        assertThat(run.log()).as("the password never reaches the log").doesNotContain(PASSWORD);
        return run;
    }

    private static String stable() throws Exception {
        return registry.headDigest(REPOSITORY, "stable", ROUTER_ACCEPT).orElse("none");
    }

    private static void commitChange(String text) throws Exception {
        Files.writeString(project.file("context/hello.txt"), text + "\n");
        git("commit", "-q", "-am", text);
    }

    @Test
    @Order(1)
    void aDryRunPrintsThePlanAndChangesNothing() throws Exception {
        var run = release(registry.host(), "tailscale.dryRun=true");

        assertThat(run.succeeded()).as("%s", run).isTrue();
        assertThat(run.log()).contains("Release v1.98.3-mt.1 (a new tag on", "dry run",
                "Would build amd64, arm64 and armv7", "Would create the annotated tag v1.98.3-mt.1",
                "Would publish the three images", "Would push the tag v1.98.3-mt.1 to origin");
        assertThat(git("tag", "-l")).isEmpty();
        assertThat(stable()).isEqualTo("none");
    }

    @Test
    @Order(2)
    void aReleaseBuildsChecksTagsPublishesAndMovesStable() throws Exception {
        var run = release(registry.host());

        assertThat(run.succeeded()).as("%s", run).isTrue();
        var report = new ObjectMapper().readTree(project.file("target/release.json").toFile());
        var digest = report.path("indexDigest").asText();
        assertThat(report.path("tag").asText()).isEqualTo("v1.98.3-mt.1");
        assertThat(report.path("indexMediaType").asText()).isEqualTo(ROUTER_ACCEPT);
        assertThat(report.path("platforms")).hasSize(3);
        // exactly the request the router makes gets the digest release.json reports
        assertThat(stable()).isEqualTo(digest);
        assertThat(registry.headDigest(REPOSITORY, "v1.98.3-mt.1", ROUTER_ACCEPT)).contains(digest);
        assertThat(run.log()).contains("will see " + digest, "from settings.xml server '" + SERVER_ID + "'",
                "checked " + registry.host() + "/" + REPOSITORY + ":v1.98.3-mt.1: linux/amd64, linux/arm64, linux/arm/v7");
        assertThat(git("tag", "-l")).isEqualTo("v1.98.3-mt.1");
        assertThat(git("ls-remote", "--tags", "origin")).contains("refs/tags/v1.98.3-mt.1");
        assertThat(Files.readString(project.file("target/release.json"))).doesNotContain(PASSWORD);
    }

    @Test
    @Order(3)
    void runningItAgainOnTheTaggedHeadReusesTheTagAndPushesNothingNew() throws Exception {
        var before = stable();

        var run = release(registry.host());

        assertThat(run.succeeded()).as("%s", run).isTrue();
        assertThat(run.log()).contains("is already tagged", "already points at " + before);
        assertThat(stable()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aWrongPasswordFailsWithoutTagOrStableChange() throws Exception {
        commitChange("second");
        var before = stable();
        project.clearServers().server(SERVER_ID, Registry.USER, "wrong-password");
        try {
            var run = release(registry.host(), "tailscale.revision=next");

            assertThat(run.succeeded()).isFalse();
            assertThat(run.log()).contains("refused", "settings.xml", "Removed the tag v1.98.3-mt.2 again")
                    .doesNotContain("wrong-password");
        } finally {
            project.clearServers().server(SERVER_ID, Registry.USER, encryptedPassword);
        }
        assertThat(git("tag", "-l")).isEqualTo("v1.98.3-mt.1");
        assertThat(stable()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aDirtyWorkTreeIsRefused() throws Exception {
        var before = stable();
        Files.writeString(project.file("context/hello.txt"), "not committed\n");
        try {
            var run = release(registry.host(), "tailscale.revision=next");

            assertThat(run.succeeded()).isFalse();
            assertThat(run.log()).contains("uncommitted changes", "Commit or stash");
        } finally {
            git("checkout", "--", "context/hello.txt");
        }
        assertThat(git("tag", "-l")).isEqualTo("v1.98.3-mt.1");
        assertThat(stable()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void anExceededSizeBudgetStopsTheReleaseBeforeTagging() throws Exception {
        var before = stable();

        var run = release(registry.host(), "tailscale.revision=next", "tailscale.budget=20B");

        assertThat(run.succeeded()).isFalse();
        assertThat(run.log()).contains("release step: verify-size").doesNotContain("release step: publish");
        assertThat(git("tag", "-l")).isEqualTo("v1.98.3-mt.1");
        assertThat(stable()).isEqualTo(before);
    }

    @Test
    @Order(7)
    void aRegistryThatStopsBeforeStableMovesLeavesStableAndNoTag() throws Exception {
        var before = stable();
        try (var proxy = new StoppingProxy(registry.host(), Pattern.compile("/manifests/v1\\.98\\.3-mt\\.2$"))) {
            var run = release(proxy.host(), "tailscale.revision=next");

            assertThat(proxy.stopped()).as("the proxy saw :v1.98.3-mt.2 pushed").isTrue();
            assertThat(run.succeeded()).isFalse();
            assertThat(run.log()).contains(":v1.98.3-mt.2 is published", "was not moved", "It still points at " + before,
                    "resume with 'mvn tailscale:publish -Dtailscale.imageVersion=v1.98.3-mt.2'",
                    "Removed the tag v1.98.3-mt.2 again");
        }
        assertThat(git("tag", "-l")).isEqualTo("v1.98.3-mt.1");
        assertThat(stable()).isEqualTo(before);
    }

    @Test
    @Order(8)
    void anOlderReleaseRunAfterANewerOneDoesNotMoveStableBack() throws Exception {
        var newer = release(registry.host(), "tailscale.revision=next");
        assertThat(newer.succeeded()).as("%s", newer).isTrue();
        var mt2 = stable();
        assertThat(mt2).isNotEqualTo("none");

        git("checkout", "-q", "v1.98.3-mt.1");
        try {
            var older = release(registry.host());

            assertThat(older.succeeded()).isFalse();
            assertThat(older.log()).contains("carries v1.98.3-mt.2, which is newer than v1.98.3-mt.1",
                    ":stable never moves backwards", "-Dtailscale.rollbackStable=true");
        } finally {
            git("checkout", "-q", "main");
        }
        assertThat(stable()).isEqualTo(mt2);
        assertThat(git("tag", "-l").lines().toList()).containsExactly("v1.98.3-mt.1", "v1.98.3-mt.2");
    }
}
