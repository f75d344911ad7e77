package io.github.mikrotiktailscale.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Rewrites a layer's tar so that it holds only what two builds of the same sources agree on:
 * entries sorted by name, every modification time set to the {@link SourceDate}, no access or
 * change times, no user or group names. Numeric owners, modes, link targets, device numbers,
 * extended attributes and contents are kept: they are what a router extracts.
 *
 * <p>Times are set rather than clamped: files that come from a base image carry the time that
 * base was made on the build machine, which another machine's base does not share.
 */
final class ReproducibleLayer {

    /** Hard links last, so that their targets are always written before them. */
    private static final Comparator<Entry> ORDER = Comparator.comparing((Entry e) -> e.header().isLink())
            .thenComparing(e -> e.header().getName());

    private ReproducibleLayer() {}

    static void rewrite(InputStream layerTar, OutputStream out, SourceDate date) throws IOException {
        var entries = new ArrayList<Entry>();
        var tar = new TarArchiveInputStream(layerTar);
        for (var header = tar.getNextEntry(); header != null; header = tar.getNextEntry()) {
            var content = new ByteArrayOutputStream();
            if (header.isFile()) {
                tar.transferTo(content);
            }
            entries.add(new Entry(header, content.toByteArray()));
        }
        entries.sort(ORDER);
        var writer = new TarArchiveOutputStream(out);
        writer.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        writer.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        writer.setAddPaxHeadersForNonAsciiNames(true);
        for (var entry : entries) {
            writer.putArchiveEntry(normalised(entry.header(), date));
            writer.write(entry.content());
            writer.closeArchiveEntry();
        }
        writer.finish();
    }

    private static TarArchiveEntry normalised(TarArchiveEntry from, SourceDate date) {
        var to = new TarArchiveEntry(from.getName(), from.getLinkFlag(), true);
        // Permission bits only: docker save also writes the file type into the mode field, a
        // BuildKit exporter does not; the type is in the entry's type flag either way.
        to.setMode(from.getMode() & 07777);
        to.setUserId(from.getLongUserId());
        to.setGroupId(from.getLongGroupId());
        to.setUserName("");
        to.setGroupName("");
        to.setModTime(date.epochSeconds() * 1000);
        if (from.isSymbolicLink() || from.isLink()) {
            to.setLinkName(from.getLinkName());
        }
        if (from.isCharacterDevice() || from.isBlockDevice()) {
            to.setDevMajor(from.getDevMajor());
            to.setDevMinor(from.getDevMinor());
        }
        if (from.isFile()) {
            to.setSize(from.getSize());
        }
        // Extended attributes (file capabilities) matter at run time; sorted, so their order is fixed too.
        for (Map.Entry<String, String> xattr : new TreeMap<>(from.getExtraPaxHeaders()).entrySet()) {
            if (xattr.getKey().startsWith("SCHILY.xattr.") || xattr.getKey().startsWith("LIBARCHIVE.xattr.")) {
                to.addPaxHeader(xattr.getKey(), xattr.getValue());
            }
        }
        return to;
    }

    private record Entry(TarArchiveEntry header, byte[] content) {}
}
