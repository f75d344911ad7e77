package io.github.mikrotiktailscale.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the configuration asked the image to be, written by the generate goal next to the build
 * context ({@code expectations.json}) so the size check can compare the built image with it.
 *
 * @param volumes the image's volumes, in any order
 * @param upxPacked whether the Tailscale binary and busybox must be UPX-packed
 */
public record ImageExpectations(
        List<String> entrypoint, List<String> cmd, List<String> volumes, ComponentPaths components, boolean upxPacked) {

    public static final String FILE = "expectations.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ImageExpectations {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        volumes = List.copyOf(volumes);
        components = components == null ? ComponentPaths.STANDARD : components;
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JSON.writeValueAsString(this) + "\n", StandardCharsets.UTF_8);
    }

    public static ImageExpectations read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), ImageExpectations.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " is not an expectations file the generate goal wrote: "
                    + e.getOriginalMessage(), e);
        }
    }
}
