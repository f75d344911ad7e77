package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.dockerfile.BuildContext;
import io.github.mikrotiktailscale.dockerfile.ContextFile;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the engine builds is what was written: a context file changed without changing its size
 * reaches the image (BuildKit's context transfer skips files whose size and modification time
 * look unchanged), and the build goal's own outputs are never its inputs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContextFreshnessE2E {

    /** Shaped like the generated context: an ARG with the version, the feature list, a source file, the entrypoint. */
    private static final String DOCKERFILE = """
            FROM --platform=$BUILDPLATFORM tailscale-e2e/base:amd64 AS builder
            ARG TAILSCALE_VERSION=v1.104.6
            COPY tailscale/ /in/tailscale/
            COPY entrypoint.sh /in/
            RUN mkdir -p /out && echo "$TAILSCALE_VERSION" > /out/version && cp -r /in/. /out/

            FROM scratch
            COPY --from=builder /out/ /
            """;

    private static FixtureProject generated;
    private static FixtureProject projectContext;

    @BeforeAll
    static void fixtures() throws Exception {
        Toolchain.requireBaseImages();
        generated = FixtureProject.copy("context-freshness");
        projectContext = FixtureProject.copy("project-context");
    }

    private static Map<String, ContextFile> generatedContext() {
        var files = new TreeMap<String, ContextFile>();
        files.put("Dockerfile", ContextFile.text(DOCKERFILE));
        files.put("tailscale/features.txt", ContextFile.text("netstack\n"));
        files.put("tailscale/changes/files/cmd/tailscaled/logfilter.go", ContextFile.text("package main // one\n"));
        files.put("entrypoint.sh", ContextFile.script("#!/bin/sh\nexec tailscaled \"$@\"\n"));
        return files;
    }

    @Test
    @Order(1)
    void theFirstBuildHasTheWrittenContent() throws Exception {
        BuildContext.of(generatedContext()).writeTo(generated.file("context"), Set.of());

        var run = generated.maven("package");

        assertThat(run.succeeded()).as("%s", run).isTrue();
        assertThat(ArchiveFiles.read(generated.file("target/images/amd64.tar")))
                .containsEntry("version", "v1.104.6\n")
                .containsEntry("tailscale/features.txt", "netstack\n");
    }

    /** One same-size edit: in which file, what is replaced, where the image shows it and how. */
    record Edit(String path, String from, String to, String imagePath, String expected) {
        @Override
        public String toString() {
            return path;
        }
    }

    static Stream<Edit> edits() {
        return Stream.of(
                new Edit("Dockerfile", "v1.104.6", "v1.102.5", "version", "v1.102.5\n"),
                new Edit("tailscale/features.txt", "netstack", "osrouter", "tailscale/features.txt", "osrouter\n"),
                new Edit("tailscale/changes/files/cmd/tailscaled/logfilter.go", "one", "two",
                        "tailscale/changes/files/cmd/tailscaled/logfilter.go", "package main // two\n"),
                new Edit("entrypoint.sh", "exec", "EXEC", "entrypoint.sh", "#!/bin/sh\nEXEC tailscaled \"$@\"\n"));
    }

    /** Each change keeps the file's size: only its content tells the engine it is new. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    @Order(2)
    void aSameSizeChangeWrittenByThePluginIsBuilt(Edit edit) throws Exception {
        var path = edit.path();
        var imagePath = edit.imagePath();
        var files = generatedContext();
        var before = files.get(path);
        var changed = new ContextFile(before.text().replace(edit.from(), edit.to()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                before.executable());
        assertThat(changed.content()).hasSameSizeAs(before.content()).isNotEqualTo(before.content());
        files.put(path, changed);
        BuildContext.of(files).writeTo(generated.file("context"), Set.of());

        var run = generated.maven("package");

        assertThat(run.succeeded()).as("%s", run).isTrue();
        assertThat(run.log()).contains("[amd64] built in");
        assertThat(ArchiveFiles.read(generated.file("target/images/amd64.tar")))
                .containsEntry(imagePath, edit.expected());

        // back to the first content for the next case, built again
        BuildContext.of(generatedContext()).writeTo(generated.file("context"), Set.of());
        var back = generated.maven("package");
        assertThat(back.succeeded()).as("%s", back).isTrue();
        assertThat(ArchiveFiles.read(generated.file("target/images/amd64.tar")))
                .containsEntry(imagePath, imagePath.equals("version") ? "v1.104.6\n" : before.text());
    }

    @Test
    @Order(3)
    void aUsersProjectContextGetsItsOwnTargetFilesButNeverTheGoalsOutputs() throws Exception {
        Files.createDirectories(projectContext.file("target/generated"));
        Files.writeString(projectContext.file("target/generated/version.txt"), "made by an earlier plugin\n");

        var first = projectContext.maven("package");

        assertThat(first.succeeded()).as("%s", first).isTrue();
        assertThat(first.log()).contains("contains the build goal's output directory");
        var received = ArchiveFiles.read(projectContext.file("target/images/arm64.tar")).get("received");
        assertThat(received).contains("./src/hello.txt", "./target/generated/version.txt")
                .doesNotContain("target/images");
    }

    @Test
    @Order(4)
    void aSecondBuildOfAProjectContextSkipsEveryPlatformAndKeepsTheArchives() throws Exception {
        var amd64 = Files.getLastModifiedTime(projectContext.file("target/images/amd64.tar"));
        var arm64 = Files.getLastModifiedTime(projectContext.file("target/images/arm64.tar"));

        var second = projectContext.maven("package");

        assertThat(second.succeeded()).as("%s", second).isTrue();
        assertThat(second.log()).contains("[amd64] up to date", "[arm64] up to date").doesNotContain("] built in");
        assertThat(Files.getLastModifiedTime(projectContext.file("target/images/amd64.tar"))).isEqualTo(amd64);
        assertThat(Files.getLastModifiedTime(projectContext.file("target/images/arm64.tar"))).isEqualTo(arm64);
    }

    @Test
    @Order(5)
    void aSameSizeEditInAUsersContextIsBuilt() throws Exception {
        Files.writeString(projectContext.file("src/hello.txt"), "HELLO from the project\n");

        var run = projectContext.maven("package");

        assertThat(run.succeeded()).as("%s", run).isTrue();
        assertThat(ArchiveFiles.read(projectContext.file("target/images/amd64.tar")))
                .containsEntry("hello.txt", "HELLO from the project\n");
        assertThat(ArchiveFiles.read(projectContext.file("target/images/arm64.tar")))
                .containsEntry("hello.txt", "HELLO from the project\n");
    }
}
