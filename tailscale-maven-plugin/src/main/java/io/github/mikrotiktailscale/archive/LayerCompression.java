package io.github.mikrotiktailscale.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** How a layer blob is stored, told by its first bytes rather than by a media type that may lie. */
public enum LayerCompression {
    NONE,
    GZIP,
    ZSTD;

    /** Peeks at the stream's magic bytes; the stream must support mark/reset and is left where it was. */
    public static LayerCompression detect(BufferedInputStream in) throws IOException {
        in.mark(4);
        var magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** The tar stream inside {@code in}. */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case GZIP -> new GzipCompressorInputStream(in, true);
            case ZSTD -> new ZstdCompressorInputStream(in);
            case NONE -> in;
        };
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
