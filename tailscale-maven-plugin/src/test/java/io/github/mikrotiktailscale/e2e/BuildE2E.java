package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mikrotiktailscale.archive.ImageArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The build goal on a real engine: three platforms through buildx, QEMU for the target-platform
 * stage, archives checked, up-to-date detection per platform.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuildE2E {

    private static final String VERSION = "v9.9.9-mt.3";
    private static final Map<String, String[]> PLATFORMS = Map.of(
            "amd64", new String[] {"amd64", "", "x86_64"},
            "arm64", new String[] {"arm64", "", "aarch64"},
            "armv7", new String[] {"arm", "v7", "armv7l"});

    private static FixtureProject project;

    @BeforeAll
    static void fixture() throws Exception {
        Toolchain.requireBaseImages();
        project = FixtureProject.copy("build");
    }

    @Test
    @Order(1)
    void buildsAllThreePlatformsIntoCheckedArchives() throws Exception {
        var run = project.maven("package", "tailscale.imageVersion=" + VERSION);

        assertThat(run.succeeded()).as("%s", run).isTrue();
        for (var entry : PLATFORMS.entrySet()) {
            var name = entry.getKey();
            var expected = entry.getValue();
            var archive = project.file("target/images/" + name + ".tar");
            assertThat(archive).isRegularFile();
            try (var image = ImageArchive.open(archive)) {
                assertThat(image.config().os()).isEqualTo("linux");
                assertThat(image.config().architecture()).isEqualTo(expected[0]);
                assertThat(image.config().variant()).isIn(expected[1], name.equals("arm64") ? "v8" : expected[1]);
                assertThat(image.config().labels()).containsEntry("org.opencontainers.image.version", VERSION);
            }
            var files = ArchiveFiles.read(archive);
            assertThat(files).containsEntry("usr/local/bin/hello.txt", "hello from the fixture\n")
                    .containsEntry("usr/local/bin/build-info", "built on x86_64\n")
                    // the RUN of the target stage really ran on the target architecture
                    .containsEntry("etc/target-arch", expected[2] + "\n");
            assertThat(run.log()).contains("[" + name + "] built in");
        }
        assertThat(run.log()).contains("platform", "linux/arm/v7", "total")
                .contains("The engine has no bridge network: building with --network host.");

        var index = new ObjectMapper().readTree(project.file("target/images/images.json").toFile());
        assertThat(index.path("imageVersion").asText()).isEqualTo(VERSION);
        assertThat(index.path("images")).hasSize(3);
        for (var image : index.path("images")) {
            assertThat(image.path("imageId").asText()).startsWith("sha256:");
            assertThat(project.file("target/images/" + image.path("archive").asText()))
                    .hasSize(image.path("archiveBytes").asLong());
            assertThat(image.path("buildSeconds").asDouble()).isPositive();
            assertThat(image.path("localTag").asText()).isEqualTo("tailscale-e2e/build-fixture:" + VERSION + "-"
                    + image.path("name").asText());
        }
        // the temporary build tags are gone, the local tags stay
        var tags = Toolchain.run(java.util.List.of("docker", "image", "ls", "--format", "{{.Repository}}:{{.Tag}}"), 30).output();
        assertThat(tags).contains("tailscale-e2e/build-fixture:" + VERSION + "-armv7")
                .doesNotContain("tailscale-maven-plugin-build/");
    }

    @Test
    @Order(2)
    void aSecondBuildWithoutChangesSkipsEveryPlatform() throws Exception {
        var before = Files.getLastModifiedTime(project.file("target/images/arm64.tar"));

        var run = project.maven("package", "tailscale.imageVersion=" + VERSION);

        assertThat(run.succeeded()).as("%s", run).isTrue();
        for (var name : PLATFORMS.keySet()) {
            assertThat(run.log()).contains("[" + name + "] up to date");
        }
        assertThat(run.log()).doesNotContain("buildx build").doesNotContain("] built in");
        assertThat(Files.getLastModifiedTime(project.file("target/images/arm64.tar"))).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aChangedContextFileRebuildsOnlyThePlatformsThatHaveNotSeenIt() throws Exception {
        Files.writeString(project.file("context/hello.txt"), "changed\n");

        var one = project.maven("package", "tailscale.imageVersion=" + VERSION, "tailscale.platforms=arm64");

        assertThat(one.succeeded()).as("%s", one).isTrue();
        assertThat(one.log()).contains("[arm64] built in").doesNotContain("[amd64]").doesNotContain("[armv7]");
        assertThat(ArchiveFiles.read(project.file("target/images/arm64.tar")))
                .containsEntry("usr/local/bin/hello.txt", "changed\n");

        var all = project.maven("package", "tailscale.imageVersion=" + VERSION);

        assertThat(all.succeeded()).as("%s", all).isTrue();
        assertThat(all.log()).contains("[arm64] up to date", "[amd64] built in", "[armv7] built in");
    }

    @Test
    @Order(4)
    void forceRebuildsAndAChangedVersionIsANewInput() throws Exception {
        var forced = project.maven("package", "tailscale.imageVersion=" + VERSION, "tailscale.platforms=amd64",
                "tailscale.force=true");
        assertThat(forced.log()).contains("[amd64] built in");

        var other = project.maven("package", "tailscale.imageVersion=v9.9.9-mt.4", "tailscale.platforms=amd64");
        assertThat(other.log()).contains("[amd64] built in");
        try (var image = ImageArchive.open(project.file("target/images/amd64.tar"))) {
            assertThat(image.config().labels()).containsEntry("org.opencontainers.image.version", "v9.9.9-mt.4");
        }
    }

    @Test
    @Order(5)
    void parallelBuildsGiveTheSameImages() throws Exception {
        var run = project.maven("package", "tailscale.imageVersion=v9.9.9-mt.5", "tailscale.parallel=true");

        assertThat(run.succeeded()).as("%s", run).isTrue();
        for (var name : PLATFORMS.keySet()) {
            assertThat(run.log()).contains("[" + name + "] built in");
            assertThat(ArchiveFiles.read(project.file("target/images/" + name + ".tar")))
                    .containsEntry("etc/target-arch", PLATFORMS.get(name)[2] + "\n");
        }
    }

    @Test
    @Order(6)
    void aLocalBaseImageRebuiltUnderTheSameTagIsANewInput() throws Exception {
        var base = "tailscale-e2e/variable-base:amd64";
        assertThat(Toolchain.run(java.util.List.of("docker", "tag", "tailscale-e2e/base:amd64", base), 30).code()).isZero();
        var other = FixtureProject.copy("build");
        Files.writeString(other.file("context/Dockerfile"), "FROM " + base + "\nCOPY hello.txt /hello.txt\n");

        var first = other.maven("package", "tailscale.platforms=amd64");
        var unchanged = other.maven("package", "tailscale.platforms=amd64");
        var rebuilt = Toolchain.run(java.util.List.of("sh", "-c", "printf 'FROM tailscale-e2e/base:amd64\\nCOPY x /x\\n'"
                + " > " + other.file("base.Dockerfile") + " && echo changed > " + other.file("x") + " && docker buildx build"
                + " --progress=quiet --platform linux/amd64 --load -t " + base + " -f " + other.file("base.Dockerfile")
                + " " + other.directory()), 120);
        assertThat(rebuilt.code()).as(rebuilt.output()).isZero();
        var after = other.maven("package", "tailscale.platforms=amd64");

        assertThat(first.log()).contains("[amd64] built in");
        assertThat(unchanged.log()).contains("[amd64] up to date");
        assertThat(after.log()).as("the base image changed under its tag").contains("[amd64] built in");
    }

    static Path images(FixtureProject p) {
        return p.file("target/images");
    }
}
