package io.github.mikrotiktailscale.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code release.json}: the tag, the digest routers will see for {@code :stable}, and per platform
 * the manifest digest and sizes.
 */
public final class ReleaseReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReleaseReport() {}

    public static void write(Path file, PublishResult result) throws IOException {
        var root = JSON.createObjectNode();
        root.put("tag", result.tag());
        root.put("image", result.image().withTag(result.tag()));
        root.put("stable", result.image().withTag(ImagePublisher.STABLE));
        root.put("indexDigest", result.indexDigest());
        root.put("indexMediaType", result.indexMediaType());
        root.put("previousStableDigest", result.previousStable());
        root.put("stableMoved", result.stableMoved());
        root.put("dryRun", result.dryRun());
        var platforms = root.putArray("platforms");
        for (var image : result.platforms()) {
            var node = platforms.addObject();
            node.put("platform", image.platform().dockerName());
            node.put("manifestDigest", image.manifestDigest());
            node.put("configDigest", image.configDigest());
            node.put("transferBytes", image.transferBytes());
            node.put("archiveBytes", image.archiveBytes());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JSON.writeValueAsString(root) + "\n");
    }
}
