package io.github.mikrotiktailscale.archive;

/**
 * One entry of a layer's tar, reduced to what the size analysis needs. Paths are relative to the
 * image root, without a leading or trailing slash.
 *
 * @param path where the entry lands; for whiteouts the path removed, for opaque markers the directory
 * @param linkTarget a symlink's target as written, or a hard link's target path; empty otherwise
 * @param content size, digest and UPX mark of a regular file; {@code null} for everything else
 */
public record LayerEntry(Kind kind, String path, int mode, String linkTarget, FileContent content) {

    /** What an entry does to the filesystem. */
    public enum Kind {
        REGULAR,
        DIRECTORY,
        SYMLINK,
        HARD_LINK,
        /** A device or fifo: present, but no bytes. */
        SPECIAL,
        /** {@code .wh.<name>}: removes {@code <name>} of the layers below. */
        WHITEOUT,
        /** {@code .wh..wh..opq}: hides everything the layers below put in the directory. */
        OPAQUE
    }

    public long size() {
        return content == null ? 0 : content.size();
    }

    /** The path as the entry's name says it, ready for comparison: no {@code ./}, no leading or trailing slash. */
    public static String normalise(String name) {
        var n = name.replace('\\', '/');
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.contains("//") || n.contains("/./")) {
            n = n.replaceAll("/+", "/").replace("/./", "/");
        }
        return n.equals(".") ? "" : n;
    }
}
