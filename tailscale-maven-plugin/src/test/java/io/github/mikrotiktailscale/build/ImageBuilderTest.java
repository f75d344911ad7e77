package io.github.mikrotiktailscale.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.docker.BuildEngine;
import io.github.mikrotiktailscale.docker.BuilderInfo;
import io.github.mikrotiktailscale.docker.Buildx;
import io.github.mikrotiktailscale.docker.DockerfileFacts;
import io.github.mikrotiktailscale.docker.EngineVersion;
import io.github.mikrotiktailscale.docker.Exec;
import io.github.mikrotiktailscale.docker.Preflight;
import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's orchestration against a fake engine and a fake buildx: what it builds, skips, saves and explains. */
class ImageBuilderTest {

    private static final String DOCKERFILE = "FROM scratch\nCOPY hello.txt /\n";

    @TempDir
    Path dir;

    private final List<List<String>> buildxCalls = new ArrayList<>();
    private final List<String> info = new ArrayList<>();
    private int exitCode;
    private List<String> buildxOutput = List.of("#1 [1/1] COPY hello.txt /", "#1 DONE 0.1s");
    private int preflights;

    /** Saves an archive of the platform named in the temporary tag, or of {@link #savedAs} when set. */
    private final class FakeEngine implements BuildEngine {
        final List<String> untagged = new ArrayList<>();
        final List<String> tagged = new ArrayList<>();
        Platform savedAs;

        @Override
        public boolean hasNetwork(String name) {
            return true;
        }

        @Override
        public Optional<String> imageId(String reference) {
            return Optional.empty();
        }

        @Override
        public void save(String reference, Path archive) throws EnvironmentException {
            var platform = savedAs != null ? savedAs : Platform.find(reference.replaceAll(".*:(\\w+)-\\w+$", "$1"))
                    .orElseThrow();
            try {
                TestImages.writeArchive(archive, platform, Map.of());
            } catch (IOException e) {
                throw new EnvironmentException(e.getMessage(), "");
            }
        }

        @Override
        public void tag(String reference, String repository, String tag) {
            tagged.add(repository + ":" + tag);
        }

        @Override
        public void untag(String reference) {
            untagged.add(reference);
        }
    }

    private final FakeEngine engine = new FakeEngine();

    private final Exec exec = new Exec() {
        @Override
        public int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines) {
            buildxCalls.add(command);
            buildxOutput.forEach(lines);
            return exitCode;
        }
    };

    private ImageBuilder builder() {
        return new ImageBuilder(new Buildx(exec, "docker"), engine, Progress.to(info::add), Duration.ofSeconds(10));
    }

    private BuildSettings settings(String fallback, Platform... platforms) throws IOException {
        var context = Files.createDirectories(dir.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
        Files.writeString(context.resolve("hello.txt"), "hello\n");
        return new BuildSettings(context, null, List.of(platforms), new TreeMap<>(Map.of("OCI_VERSION", "dev")), "", "",
                false, false, false, false, dir.resolve("images"), "img", "dev", DockerfileFacts.read(DOCKERFILE), fallback);
    }

    private ImageBuilder.PreflightCheck preflight() {
        return () -> {
            preflights++;
            return new Preflight.Report(new EngineVersion("20.10.24", "1.41", "1.12", "linux", "amd64"),
                    "unix:///var/run/docker.sock", BuilderInfo.singleNode("default", "docker", "v0.8.2", List.of("linux/amd64")));
        };
    }

    @Test
    void buildsEachPlatformSavesAndTagsItThenKeepsWhatIsUpToDate() throws Exception {
        var settings = settings("", Platform.AMD64, Platform.ARM64);

        var first = builder().build(settings, preflight());

        assertThat(first.builds()).extracting(PlatformBuild::platform).containsExactly(Platform.AMD64, Platform.ARM64);
        assertThat(first.builds()).noneMatch(PlatformBuild::upToDate);
        assertThat(buildxCalls).hasSize(2);
        assertThat(Files.isRegularFile(dir.resolve("images/amd64.tar"))).isTrue();
        assertThat(engine.tagged).containsExactly("img:dev-amd64", "img:dev-arm64");
        assertThat(engine.untagged).hasSize(2).allMatch(t -> t.startsWith("tailscale-maven-plugin-build/img:"));
        assertThat(info).anyMatch(l -> l.startsWith("[amd64] building linux/amd64; its output goes to ")
                && l.endsWith("logs/amd64.log"));
        assertThat(ImagesIndex.read(dir.resolve("images")).builds()).hasSize(2);

        var second = builder().build(settings, preflight());

        assertThat(second.builds()).allMatch(PlatformBuild::upToDate);
        assertThat(buildxCalls).as("nothing built again").hasSize(2);
        assertThat(preflights).as("no engine check when nothing is built").isEqualTo(1);
        assertThat(second.render().get(second.render().size() - 1)).startsWith("total (wall)");
    }

    @Test
    void aBaseImageThatCannotBePulledNamesTheProjectsOwnWayFirstAndLeavesNoArchive() throws Exception {
        exitCode = 1;
        buildxOutput = List.of("#3 [internal] load metadata for docker.io/library/golang:1.26.8-alpine@sha256:ce86",
                "ERROR: failed to solve: failed to do request: Head \"https://registry-1.docker.io/v2/library/golang/"
                        + "manifests/sha256:ce86\": dial tcp: lookup registry-1.docker.io: no such host");

        assertThatThrownBy(() -> builder().build(settings("add -Plocal-bases", Platform.ARMV7), preflight()))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("docker buildx build failed for linux/arm/v7 (exit 1)")
                .satisfies(e -> assertThat(((EnvironmentException) e).suggestion())
                        .contains("Cannot pull registry-1.docker.io/library/golang@sha256:ce86")
                        .contains("This project builds without them: add -Plocal-bases."));
        assertThat(dir.resolve("images/armv7.tar")).doesNotExist();
        assertThat(engine.untagged).hasSize(1);
        assertThat(Files.readString(dir.resolve("images/logs/armv7.log"))).contains("no such host");
    }

    @Test
    void anArchiveOfTheWrongPlatformIsDeletedAndExplained() throws Exception {
        engine.savedAs = Platform.ARM64;

        assertThatThrownBy(() -> builder().build(settings("", Platform.AMD64), preflight()))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("The image built for linux/amd64 is a linux/arm64");
        assertThat(dir.resolve("images/amd64.tar")).doesNotExist();
    }

    /** buildx on a two-node remote builder: writes the archive and the metadata, or dies half-way. */
    private final class FakeRemoteBuildx implements Exec {
        final List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile Platform diesOn;

        @Override
        public int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines)
                throws IOException {
            buildxCalls.add(command);
            threads.add(Thread.currentThread().getName());
            var platform = Platform.find(command.get(command.indexOf("--platform") + 1)).orElseThrow();
            var archive = Path.of(command.get(command.indexOf("--output") + 1).replace("type=docker,dest=", ""));
            var node = platform == Platform.AMD64 ? "node1" : "node2";
            if (platform == diesOn) {
                Files.writeString(archive, "half an archive");
                lines.accept("ERROR: failed to receive status: rpc error: code = Unavailable desc = error reading from server: EOF");
                return 1;
            }
            TestImages.writeArchive(archive, platform, Map.of());
            Files.writeString(Path.of(command.get(command.indexOf("--metadata-file") + 1)),
                    "{\"buildx.build.ref\": \"tailscale-remote/" + node + "/tncehej6oke8g0q4zmy3iioaf\"}");
            return 0;
        }
    }

    private ImageBuilder.PreflightCheck remotePreflight() {
        return () -> new Preflight.Report(new EngineVersion("20.10.24", "1.41", "1.12", "linux", "amd64"),
                "unix:///var/run/docker.sock", BuilderInfo.parse(io.github.mikrotiktailscale.docker.BuildxTestLines.twoNodes()));
    }

    @Test
    void onTwoNodesEachBuildsItsOwnPlatformsAtOnceAndImagesJsonNamesTheNode() throws Exception {
        var buildx = new FakeRemoteBuildx();
        var settings = settings("", Platform.AMD64, Platform.ARM64, Platform.ARMV7);

        var table = new ImageBuilder(new Buildx(buildx, "docker"), engine, Progress.to(info::add), Duration.ofSeconds(10))
                .build(settings, remotePreflight());

        assertThat(table.builds()).extracting(PlatformBuild::node)
                .containsExactly("tailscale-remote/node1", "tailscale-remote/node2", "tailscale-remote/node2");
        assertThat(ImagesIndex.read(dir.resolve("images")).builds()).extracting(PlatformBuild::node)
                .containsExactly("tailscale-remote/node1", "tailscale-remote/node2", "tailscale-remote/node2");
        assertThat(info).contains("Building on 2 nodes at once: amd64, arm64+armv7.")
                .anyMatch(l -> l.startsWith("[arm64] building linux/arm64 on node 'node2' at unix:///run/tailscale-buildkit/node2.sock"))
                .anyMatch(l -> l.startsWith("[armv7] built in") && l.contains(" on tailscale-remote/node2: "));
        assertThat(buildx.threads).as("one lane per node").hasSize(3)
                .satisfies(t -> assertThat(new java.util.HashSet<>(t)).hasSize(2));
        assertThat(buildxCalls).allMatch(c -> !c.contains("--network"), "the nodes' own network, not the engine's");
        assertThat(engine.tagged).as("exported, never loaded into the engine").isEmpty();
        try (var files = Files.list(dir.resolve("images"))) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("amd64.tar", "arm64.tar", "armv7.tar")
                    .noneMatch(f -> f.endsWith(".partial"));
        }
    }

    @Test
    void aNodeThatDiesMidBuildLeavesNoArchiveOfItsPlatform() throws Exception {
        var buildx = new FakeRemoteBuildx();
        buildx.diesOn = Platform.ARM64;
        var settings = settings("", Platform.AMD64, Platform.ARM64);
        Files.createDirectories(dir.resolve("images"));
        Files.writeString(dir.resolve("images/arm64.tar"), "an older build");

        assertThatThrownBy(() -> new ImageBuilder(new Buildx(buildx, "docker"), engine, Progress.to(info::add),
                Duration.ofSeconds(10)).build(settings, remotePreflight()))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("docker buildx build failed for linux/arm64");

        assertThat(dir.resolve("images/arm64.tar")).doesNotExist();
        assertThat(dir.resolve("images/arm64.tar.partial")).doesNotExist();
        assertThat(dir.resolve("images/amd64.tar")).isRegularFile();
    }
}
