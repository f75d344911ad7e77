package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A release rebuilt by someone else: {@code tailscale:release} publishes a fixture to a real
 * registry, then a fresh clone of the tag, built from clean state without the layer cache at a
 * later time in another directory, runs {@code tailscale:verify-release} and must find every
 * platform identical. A registry that serves another build under the same tag must be caught,
 * with the platform and the layer named.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebuildReleaseE2E {

    private static final String REPOSITORY = "e2e/rebuild";
    private static final String TAG = "v1.98.3-mt.1";
    private static final String REBUILD_GOALS = "tailscale:generate,tailscale:build,tailscale:verify-size,"
            + "tailscale:verify-release";

    private static Registry registry;
    private static Registry tampered;
    private static FixtureProject project;

    @BeforeAll
    static void setUp() throws Exception {
        Toolchain.requireBaseImages();
        project = FixtureProject.copy("release");
        registry = Registry.startAnonymous(project.directory().resolveSibling(project.directory().getFileName()
                + "-registry"));
        tampered = Registry.startAnonymous(project.directory().resolveSibling(project.directory().getFileName()
                + "-tampered"));
        project.initGit(false);
    }

    @AfterAll
    static void tearDown() {
        for (var r : new Registry[] {registry, tampered}) {
            if (r != null) {
                r.close();
            }
        }
    }

    private static Properties properties(Registry target, String... more) {
        var props = new Properties();
        props.setProperty("tailscale.image", target.host() + "/" + REPOSITORY);
        props.setProperty("tailscale.registryAttempts", "2");
        for (var property : more) {
            int eq = property.indexOf('=');
            props.setProperty(property.substring(0, eq), property.substring(eq + 1));
        }
        return props;
    }

    private static FixtureProject rebuilt;

    private static FixtureProject.Run rebuildAndCompare(Registry against) throws Exception {
        var clone = project.cloneAt(TAG);
        rebuilt = clone;
        return clone.maven(List.of(REBUILD_GOALS.split(",")), properties(against, "tailscale.imageVersion=" + TAG,
                "tailscale.noCache=true", "tailscale.force=true"));
    }

    @Test
    @Order(1)
    void aCleanRebuildOfThePublishedTagMatchesTheRegistryOnEveryPlatform() throws Exception {
        var release = project.maven(List.of("tailscale:release"), properties(registry, "tailscale.pushTag=false"));
        assertThat(release.succeeded()).as("%s", release).isTrue();
        var published = new ObjectMapper().readTree(project.file("target/release.json").toFile())
                .path("indexDigest").asText();
        assertThat(release.log()).contains("SOURCE_DATE_EPOCH " + project.git("log", "-1", "--format=%ct"));
        // a second later at least, so that every build time differs from the release's
        Thread.sleep(1100);

        var rebuild = rebuildAndCompare(registry);

        assertThat(rebuild.succeeded()).as("%s", rebuild).isTrue();
        assertThat(rebuild.log()).contains("linux/amd64: match (sha256:", "linux/arm64: match (sha256:",
                "linux/arm/v7: match (sha256:", "manifest list: match (" + published + ")",
                "is exactly what " + TAG + " builds: " + published);
        // the engine's images themselves differ (build times in layers and config): the rewriting made them equal
        assertThat(imageIds(rebuilt)).doesNotContainAnyElementsOf(imageIds(project));
    }

    private static List<String> imageIds(FixtureProject built) throws Exception {
        var ids = new java.util.ArrayList<String>();
        new ObjectMapper().readTree(built.file("target/images/images.json").toFile()).path("images")
                .forEach(image -> ids.add(image.path("imageId").asText()));
        assertThat(ids).hasSize(3);
        return ids;
    }

    @Test
    @Order(2)
    void aRegistryServingAnotherBuildUnderTheTagIsNamedDownToTheLayer() throws Exception {
        // the same tag and commit time, one file changed: what a compromised registry could serve
        var other = project.cloneAt(TAG);
        Files.writeString(other.file("context/hello.txt"), "not what the tag holds\n");
        var publish = other.maven(List.of("tailscale:generate", "tailscale:build", "tailscale:publish"),
                properties(tampered, "tailscale.imageVersion=" + TAG, "tailscale.sourceDateEpoch="
                        + project.git("log", "-1", "--format=%ct")));
        assertThat(publish.succeeded()).as("%s", publish).isTrue();

        var rebuild = rebuildAndCompare(tampered);

        assertThat(rebuild.succeeded()).as("%s", rebuild).isFalse();
        assertThat(rebuild.log()).contains("linux/amd64: differs: manifest sha256:", "in the registry; config sha256:",
                "layer 2 sha256:", "manifest list: differs", "The rebuild of " + TAG + " differs from "
                        + tampered.host() + "/" + REPOSITORY + ":" + TAG);
        // the first layer (the target stage's files) is the same build, so it is not named
        assertThat(rebuild.log()).doesNotContain("layer 1 sha256:");
    }

    @Test
    @Order(3)
    void aTagTheRegistryDoesNotHoldIsAClearError() throws Exception {
        var clone = project.cloneAt(TAG);
        var run = clone.maven(List.of(REBUILD_GOALS.split(",")), properties(registry,
                "tailscale.imageVersion=v1.98.3-mt.7"));

        assertThat(run.succeeded()).isFalse();
        assertThat(run.log()).contains(":v1.98.3-mt.7 does not exist in the registry").doesNotContain("\tat io.github");
    }
}
