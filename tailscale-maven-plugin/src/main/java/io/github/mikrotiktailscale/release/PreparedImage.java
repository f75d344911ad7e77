package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.image.Platform;
import java.nio.file.Path;
import java.util.List;

/**
 * One platform's image made ready for a registry: its config, gzip-compressed layers on disk, and
 * the Docker image manifest naming them.
 */
public record PreparedImage(
        Platform platform, byte[] config, String configDigest, List<Blob> layers, byte[] manifest,
        String manifestDigest, long archiveBytes) {

    public PreparedImage {
        layers = List.copyOf(layers);
    }

    /** Bytes a pull transfers: compressed layers, config and manifest. */
    public long transferBytes() {
        return layers.stream().mapToLong(Blob::size).sum() + config.length + manifest.length;
    }

    /** A compressed layer written to a file, with its digest. */
    public record Blob(String digest, long size, Path file) {}
}
