package io.github.mikrotiktailscale.archive;

import io.github.mikrotiktailscale.archive.LayerEntry.Kind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Streams the layers of an archive, bottom first, turning each tar entry into a {@link LayerEntry}
 * (file contents are digested on the way and dropped) and adding up what each layer stores.
 */
final class LayerWalker {

    static final long BLOCK = 4096;
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";

    /** Receives every entry of every layer, in archive order. */
    interface Listener {
        void entry(int layer, LayerEntry entry);
    }

    private final ContentScanner scanner = new ContentScanner();
    private final boolean estimateGzip;

    /** @param estimateGzip compress uncompressed layers to learn their transfer size (costs CPU) */
    LayerWalker(boolean estimateGzip) {
        this.estimateGzip = estimateGzip;
    }

    LayerSummary walk(ImageArchive archive, int index, LayerBlob blob, String diffId, Listener listener)
            throws IOException {
        try (var raw = archive.openRawLayer(blob)) {
            var compression = LayerCompression.detect(raw);
            var estimator = compression == LayerCompression.NONE && estimateGzip ? new GzipSizeEstimator(raw) : null;
            // The tar reader asks for 512-byte headers; a buffer turns those into large inflate and deflate calls.
            InputStream in = estimator != null ? new BufferedInputStream(estimator, 1 << 16)
                    : compression == LayerCompression.NONE ? raw
                    : new BufferedInputStream(compression.decompress(raw), 1 << 16);
            long files = 0;
            long fileBytes = 0;
            long flashBytes = 0;
            var tar = new TarArchiveInputStream(in);
            for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                var layerEntry = toLayerEntry(entry, tar);
                if (layerEntry == null) {
                    continue;
                }
                if (layerEntry.kind() == Kind.REGULAR) {
                    files++;
                    fileBytes += layerEntry.size();
                    flashBytes += roundUpToBlock(layerEntry.size());
                }
                listener.entry(index, layerEntry);
            }
            long transfer = estimator != null ? estimator.finish() : blob.storedSize();
            var digest = blob.digest().isEmpty() ? diffId : blob.digest();
            return new LayerSummary(index, digest, compression, blob.storedSize(), transfer, estimator != null,
                    files, fileBytes, flashBytes);
        }
    }

    static long roundUpToBlock(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private LayerEntry toLayerEntry(TarArchiveEntry entry, InputStream content) throws IOException {
        var path = LayerEntry.normalise(entry.getName());
        if (path.isEmpty()) {
            return null; // the root directory itself
        }
        int slash = path.lastIndexOf('/');
        var parent = slash < 0 ? "" : path.substring(0, slash);
        var name = path.substring(slash + 1);
        int mode = entry.getMode() & 07777;
        if (name.startsWith(WHITEOUT_PREFIX)) {
            if (name.equals(OPAQUE_MARKER)) {
                return new LayerEntry(Kind.OPAQUE, parent, mode, "", null);
            }
            if (name.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
                return null; // other AUFS bookkeeping (.wh..wh.plnk and the like): not part of the filesystem
            }
            var removed = name.substring(WHITEOUT_PREFIX.length());
            return new LayerEntry(Kind.WHITEOUT, parent.isEmpty() ? removed : parent + "/" + removed, mode, "", null);
        }
        if (entry.isLink()) {
            return new LayerEntry(Kind.HARD_LINK, path, mode, LayerEntry.normalise(entry.getLinkName()), null);
        }
        if (entry.isSymbolicLink()) {
            return new LayerEntry(Kind.SYMLINK, path, mode, entry.getLinkName(), null);
        }
        if (entry.isDirectory()) {
            return new LayerEntry(Kind.DIRECTORY, path, mode, "", null);
        }
        if (entry.isFile()) {
            return new LayerEntry(Kind.REGULAR, path, mode, "", scanner.scan(content));
        }
        return new LayerEntry(Kind.SPECIAL, path, mode, "", null);
    }
}
