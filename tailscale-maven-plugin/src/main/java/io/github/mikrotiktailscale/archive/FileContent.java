package io.github.mikrotiktailscale.archive;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the analysis keeps of a regular file's bytes: never the bytes themselves.
 *
 * @param size bytes
 * @param sha256 the content digest, to find identical content stored under two paths
 * @param upxPacked whether the UPX magic appears near the start of the file
 */
public record FileContent(long size, byte[] sha256, boolean upxPacked) {

    public FileContent {
        sha256 = sha256.clone();
    }

    public String digest() {
        return "sha256:" + HexFormat.of().formatHex(sha256);
    }

    public boolean sameBytes(FileContent other) {
        return size == other.size && Arrays.equals(sha256, other.sha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileContent other && sameBytes(other) && upxPacked == other.upxPacked;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return size + " bytes, " + digest() + (upxPacked ? ", UPX" : "");
    }
}
