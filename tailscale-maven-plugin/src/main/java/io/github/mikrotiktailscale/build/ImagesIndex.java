package io.github.mikrotiktailscale.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mikrotiktailscale.image.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code images.json}: what the last build produced, per platform, for the goals after it
 * (verify-size, smoke, publish). Also the per-platform state files the up-to-date check reads.
 */
public final class ImagesIndex {

    public static final String FILE = "images.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ImagesIndex() {}

    /** Writes {@code images.json} listing exactly these platforms. */
    public static void write(Path imagesDirectory, String imageVersion, List<PlatformBuild> builds) throws IOException {
        var root = JSON.createObjectNode();
        root.put("imageVersion", imageVersion);
        var images = root.putArray("images");
        for (var build : builds) {
            images.add(toJson(imagesDirectory, build));
        }
        Files.createDirectories(imagesDirectory);
        Files.writeString(imagesDirectory.resolve(FILE), JSON.writeValueAsString(root) + "\n");
    }

    /** Whether the directory holds images built as this version (an unreadable index holds none). */
    public static boolean builtAs(Path imagesDirectory, String imageVersion) {
        try {
            return read(imagesDirectory).imageVersion().equals(imageVersion);
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads {@code images.json}; the archive paths come back absolute. */
    public static Index read(Path imagesDirectory) throws IOException {
        var root = JSON.readTree(imagesDirectory.resolve(FILE).toFile());
        var builds = new ArrayList<PlatformBuild>();
        for (var node : root.path("images")) {
            builds.add(fromJson(imagesDirectory, node));
        }
        return new Index(root.path("imageVersion").asText("dev"), builds);
    }

    /** The state of the last successful build of one platform, if any. */
    static Optional<PlatformBuild> lastBuild(Path imagesDirectory, Platform platform) {
        var file = stateFile(imagesDirectory, platform);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(imagesDirectory, JSON.readTree(file.toFile())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void recordBuild(Path imagesDirectory, PlatformBuild build) throws IOException {
        var file = stateFile(imagesDirectory, build.platform());
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(toJson(imagesDirectory, build)) + "\n");
    }

    static void forgetBuild(Path imagesDirectory, Platform platform) throws IOException {
        Files.deleteIfExists(stateFile(imagesDirectory, platform));
    }

    private static Path stateFile(Path imagesDirectory, Platform platform) {
        return imagesDirectory.resolve(".state").resolve(platform.shortName() + ".json");
    }

    private static ObjectNode toJson(Path imagesDirectory, PlatformBuild build) {
        var node = JSON.createObjectNode();
        node.put("platform", build.platform().dockerName());
        node.put("name", build.platform().shortName());
        node.put("imageId", build.imageId());
        node.put("archive", imagesDirectory.relativize(build.archive()).toString().replace('\\', '/'));
        node.put("archiveBytes", build.archiveBytes());
        node.put("buildSeconds", Math.round(build.buildSeconds() * 10) / 10.0);
        node.put("upToDate", build.upToDate());
        node.put("inputHash", build.inputHash());
        node.put("localTag", build.localTag());
        node.put("node", build.node());
        return node;
    }

    private static PlatformBuild fromJson(Path imagesDirectory, com.fasterxml.jackson.databind.JsonNode node)
            throws IOException {
        var platform = Platform.find(node.path("platform").asText())
                .orElseThrow(() -> new IOException("unknown platform in " + FILE + ": " + node.path("platform")));
        return new PlatformBuild(platform, node.path("imageId").asText(),
                imagesDirectory.resolve(node.path("archive").asText()), node.path("archiveBytes").asLong(),
                node.path("buildSeconds").asDouble(), node.path("upToDate").asBoolean(),
                node.path("inputHash").asText(), node.path("localTag").asText(), node.path("node").asText());
    }

    /** The contents of {@code images.json}. */
    public record Index(String imageVersion, List<PlatformBuild> builds) {}
}
