package io.github.mikrotiktailscale.archive;

import java.util.List;

/**
 * A regular file stored by more than one layer: every copy but the visible one is flash spent for nothing.
 *
 * @param path the file, relative to the image root
 * @param copies one per layer that stores it, bottom first
 * @param wastedBytes bytes of the copies nobody sees (all of them when the file ends up deleted)
 * @param cause {@code metadata} when every copy has the same bytes (chmod, chown, touch in a later layer),
 *     {@code content} when a later layer rewrote it (strip, upx, sed -i, another COPY)
 */
public record Duplicate(String path, List<Copy> copies, long wastedBytes, String cause) {

    public static final String METADATA = "metadata";
    public static final String CONTENT = "content";

    public Duplicate {
        copies = List.copyOf(copies);
    }

    /** One layer's copy of the file. */
    public record Copy(int layer, long bytes, String mode, String digest) {}

    public List<Integer> layers() {
        return copies.stream().map(Copy::layer).toList();
    }

    /** One line: what, where and what it costs. */
    public String describe() {
        var modes = copies.stream().map(Copy::mode).distinct().toList();
        var why = cause.equals(METADATA)
                ? "same bytes, " + (modes.size() > 1 ? "mode " + String.join(" -> ", modes) : "metadata changed")
                        + ": a later layer changed only its metadata (chmod, chown, touch)"
                : "a later layer rewrote its content (strip, upx, sed -i, another COPY)";
        return "/" + path + " is stored in layers " + layers().stream().map(String::valueOf)
                .reduce((a, b) -> a + ", " + b).orElse("") + ": " + ByteSize.format(wastedBytes) + " wasted ("
                + wastedBytes + " bytes; " + why + ")";
    }
}
