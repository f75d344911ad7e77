package io.github.mikrotiktailscale.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** A layer tar written the way image builders write them, entry by entry. */
final class TestLayer {

    private final List<TarArchiveEntry> entries = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    /** Deterministic bytes; with {@code upx}, the UPX magic sits where UPX puts it (after the ELF headers). */
    static byte[] bytes(int size, long seed, boolean upx) {
        var data = new byte[size];
        new Random(seed).nextBytes(data);
        // keep the magic out of content that should not have it
        for (int i = 0; i + 4 <= size; i++) {
            if (data[i] == 'U' && data[i + 1] == 'P' && data[i + 2] == 'X' && data[i + 3] == '!') {
                data[i] = 0;
            }
        }
        if (upx) {
            System.arraycopy("UPX!".getBytes(StandardCharsets.US_ASCII), 0, data, 0xec, 4);
        }
        return data;
    }

    TestLayer dir(String path) {
        return dir(path, 0755);
    }

    TestLayer dir(String path, int mode) {
        var entry = new TarArchiveEntry(path.endsWith("/") ? path : path + "/");
        entry.setMode(mode);
        return add(entry, null);
    }

    TestLayer file(String path, int size, long seed) {
        return file(path, bytes(size, seed, false), 0644);
    }

    TestLayer file(String path, byte[] content, int mode) {
        var entry = new TarArchiveEntry(path);
        entry.setSize(content.length);
        entry.setMode(mode);
        return add(entry, content);
    }

    TestLayer symlink(String path, String target) {
        var entry = new TarArchiveEntry(path, TarConstants.LF_SYMLINK);
        entry.setLinkName(target);
        entry.setMode(0777);
        return add(entry, null);
    }

    TestLayer hardLink(String path, String target) {
        var entry = new TarArchiveEntry(path, TarConstants.LF_LINK);
        entry.setLinkName(target);
        entry.setMode(0755);
        return add(entry, null);
    }

    /** {@code .wh.<name>} next to the removed path. */
    TestLayer whiteout(String path) {
        int slash = path.lastIndexOf('/');
        return file(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), new byte[0], 0644);
    }

    TestLayer opaque(String directory) {
        return file(directory + "/.wh..wh..opq", new byte[0], 0644);
    }

    private TestLayer add(TarArchiveEntry entry, byte[] content) {
        entries.add(entry);
        contents.add(content);
        return this;
    }

    byte[] tar() {
        var out = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < entries.size(); i++) {
                tar.putArchiveEntry(entries.get(i));
                if (contents.get(i) != null) {
                    tar.write(contents.get(i));
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
