package io.github.mikrotiktailscale.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What buildx's {@code --metadata-file} says about one build. Its {@code buildx.build.ref} is
 * {@code builder/node/ref}: the node that really built the image, which is what the log and
 * {@code images.json} report (not a guess from the platforms the nodes declare).
 */
final class BuildMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BuildMetadata() {}

    /** {@code builder/node}, or empty when the file is missing, unreadable or has no build ref. */
    static String builderNode(Path metadataFile) {
        try {
            if (!Files.isRegularFile(metadataFile)) {
                return "";
            }
            var ref = JSON.readTree(metadataFile.toFile()).path("buildx.build.ref").asText("");
            int last = ref.lastIndexOf('/');
            return last > 0 && ref.indexOf('/') < last ? ref.substring(0, last) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
