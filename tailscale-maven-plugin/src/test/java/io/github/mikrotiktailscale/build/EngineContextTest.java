package io.github.mikrotiktailscale.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.image.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineContextTest {

    @TempDir
    Path project;

    private Path images;
    private Path mirror;

    @BeforeEach
    void layout() throws Exception {
        images = project.resolve("target/images");
        mirror = project.resolve("target/images-context");
        Files.createDirectories(images.resolve("logs"));
        Files.createDirectories(project.resolve("target/generated"));
        Files.createDirectories(project.resolve("src"));
        Files.writeString(project.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(project.resolve("src/hello.txt"), "hello\n");
        Files.writeString(project.resolve("target/generated/version.txt"), "1\n");
        Files.writeString(images.resolve("amd64.tar"), "archive");
        Files.writeString(images.resolve("logs/amd64.log"), "log");
    }

    private List<Path> outputs() {
        return List.of(images, mirror);
    }

    @Test
    void aContextWithoutTheOutputsIsUsedAsItIs() throws Exception {
        var context = project.resolve("src");

        assertThat(EngineContext.prepare(context, outputs(), mirror)).isEqualTo(context);
        assertThat(mirror).doesNotExist();
    }

    @Test
    void aProjectContextIsMirroredWithoutTheOutputsButWithTheRestOfTarget() throws Exception {
        var built = EngineContext.prepare(project, outputs(), mirror);

        assertThat(built).isEqualTo(mirror);
        assertThat(mirror.resolve("src/hello.txt")).hasContent("hello\n");
        assertThat(mirror.resolve("target/generated/version.txt")).hasContent("1\n");
        assertThat(mirror.resolve("Dockerfile")).exists();
        assertThat(mirror.resolve("target/images")).doesNotExist();
        assertThat(mirror.resolve("target/images-context")).doesNotExist();
        // hard links: same file, same time, nothing copied
        assertThat(Files.isSameFile(mirror.resolve("src/hello.txt"), project.resolve("src/hello.txt"))).isTrue();
    }

    @Test
    void aSecondMirrorForgetsFilesRemovedSince() throws Exception {
        EngineContext.prepare(project, outputs(), mirror);
        Files.delete(project.resolve("target/generated/version.txt"));

        EngineContext.prepare(project, outputs(), mirror);

        assertThat(mirror.resolve("target/generated/version.txt")).doesNotExist();
    }

    @Test
    void outputsTheDockerignoreAlreadyExcludesNeedNoMirror() throws Exception {
        Files.writeString(project.resolve(".dockerignore"), "target/images\ntarget/images-context\n");

        assertThat(EngineContext.outputsInside(project, outputs())).isEmpty();
        assertThat(EngineContext.prepare(project, outputs(), mirror)).isEqualTo(project);
    }

    @Test
    void theUpToDateHashIgnoresTheOutputs() throws Exception {
        var before = InputHash.of(project, outputs(), null, Map.of(), Platform.AMD64, Map.of());
        Files.writeString(images.resolve("amd64.tar"), "another archive");
        Files.writeString(Files.createDirectories(mirror).resolve("x"), "x");

        assertThat(InputHash.of(project, outputs(), null, Map.of(), Platform.AMD64, Map.of())).isEqualTo(before);

        Files.writeString(project.resolve("target/generated/version.txt"), "2\n");
        assertThat(InputHash.of(project, outputs(), null, Map.of(), Platform.AMD64, Map.of())).isNotEqualTo(before);
    }
}
