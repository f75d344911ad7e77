package io.github.mikrotiktailscale.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes a large multi-layer image archive to disk without holding it in memory: per layer about
 * 12.5 MB of files (packed binaries, text, small files), symlinks, a whiteout and a chmod-ed file
 * stored again. An OCI layout with gzip layers, or a docker-archive with plain ones.
 */
final class BenchArchive {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WORDS = ("tailscale router flash layer busybox netstack daemon socket state"
            + " container image archive mikrotik routeros overlay whiteout digest config manifest").split(" ");

    record Written(Path file, int layers, long files, long contentBytes) {}

    private BenchArchive() {}

    static Written write(Path file, int layers, boolean ociWithGzip) throws IOException {
        var work = Files.createTempDirectory(file.getParent(), "layers");
        var blobs = new ArrayList<Path>();
        var diffIds = new ArrayList<String>();
        var digests = new ArrayList<String>();
        long files = 0;
        long content = 0;
        for (int i = 0; i < layers; i++) {
            var blob = work.resolve("layer" + i);
            var blobDigest = Digests.newSha256();
            var tarDigest = Digests.newSha256();
            try (var out = new DigestOutputStream(Files.newOutputStream(blob), blobDigest);
                    var compressed = ociWithGzip ? gzip(out) : out;
                    var tarOut = new DigestOutputStream(compressed, tarDigest);
                    var tar = new TarArchiveOutputStream(tarOut)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                var counts = layer(tar, i, new SplittableRandom(i));
                files += counts[0];
                content += counts[1];
            }
            blobs.add(blob);
            diffIds.add("sha256:" + HexFormat.of().formatHex(tarDigest.digest()));
            digests.add("sha256:" + HexFormat.of().formatHex(blobDigest.digest()));
        }
        var config = config(diffIds);
        try (var tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            if (ociWithGzip) {
                TestArchive.put(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
                TestArchive.putBlob(tar, config);
                var manifest = JSON.createObjectNode();
                manifest.put("schemaVersion", 2);
                manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
                manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json",
                        "sha256:" + Digests.sha256(config), config.length));
                var layerList = manifest.putArray("layers");
                for (int i = 0; i < layers; i++) {
                    layerList.add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", digests.get(i),
                            Files.size(blobs.get(i))));
                    putFile(tar, "blobs/sha256/" + digests.get(i).substring(7), blobs.get(i));
                }
                var manifestBytes = JSON.writeValueAsBytes(manifest);
                TestArchive.putBlob(tar, manifestBytes);
                var index = JSON.createObjectNode();
                index.put("schemaVersion", 2);
                index.putArray("manifests").add(descriptor("application/vnd.oci.image.manifest.v1+json",
                        "sha256:" + Digests.sha256(manifestBytes), manifestBytes.length));
                TestArchive.put(tar, "index.json", JSON.writeValueAsBytes(index));
            } else {
                var configName = Digests.sha256(config) + ".json";
                TestArchive.put(tar, configName, config);
                var names = JSON.createArrayNode();
                for (int i = 0; i < layers; i++) {
                    var name = diffIds.get(i).substring(7) + "/layer.tar";
                    putFile(tar, name, blobs.get(i));
                    names.add(name);
                }
                var manifest = JSON.createArrayNode();
                var image = manifest.addObject();
                image.put("Config", configName);
                image.set("Layers", names);
                TestArchive.put(tar, "manifest.json", JSON.writeValueAsBytes(manifest));
            }
        }
        for (var blob : blobs) {
            Files.delete(blob);
        }
        Files.delete(work);
        return new Written(file, layers, files, content);
    }

    private static OutputStream gzip(OutputStream out) throws IOException {
        var parameters = new GzipParameters();
        parameters.setCompressionLevel(1); // the writer's speed is not what is measured
        return new GzipCompressorOutputStream(out, parameters);
    }

    /** Writes layer {@code i}; returns {files, bytes}. */
    private static long[] layer(TarArchiveOutputStream tar, int i, SplittableRandom random) throws IOException {
        var dir = "opt/pkg" + i + "/";
        long files = 0;
        long bytes = 0;
        for (var sub : new String[] {"", "bin/", "share/", "lib/"}) {
            directory(tar, dir + sub);
        }
        for (int j = 0; j < 4; j++) { // packed binaries: incompressible
            bytes += file(tar, dir + "bin/tool" + j, randomBytes(random, 2_000_000), 0755);
            files++;
        }
        for (int j = 0; j < 30; j++) {
            bytes += file(tar, dir + "share/doc" + j + ".txt", text(random, 100_000), 0644);
            files++;
        }
        for (int j = 0; j < 200; j++) {
            var data = j % 2 == 0 ? randomBytes(random, 1_000 + random.nextInt(13_000)) : text(random, 7_500);
            bytes += file(tar, dir + "lib/f" + j, data, 0644);
            files++;
        }
        for (int j = 0; j < 20; j++) {
            var link = new TarArchiveEntry(dir + "bin/link" + j, TarConstants.LF_SYMLINK);
            link.setLinkName("tool" + (j % 4));
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        if (i > 0) {
            var previous = "opt/pkg" + (i - 1) + "/lib/";
            file(tar, previous + ".wh.f1", new byte[0], 0644);
            // f3 of the layer below, stored again with another mode: a duplicate
            bytes += file(tar, previous + "f3", text(new SplittableRandom(-i), 7_500), 0600);
            files++;
        }
        return new long[] {files, bytes};
    }

    private static void directory(TarArchiveOutputStream tar, String path) throws IOException {
        var entry = new TarArchiveEntry(path);
        entry.setMode(040755);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static long file(TarArchiveOutputStream tar, String path, byte[] data, int mode) throws IOException {
        var entry = new TarArchiveEntry(path);
        entry.setSize(data.length);
        entry.setMode(0100000 | mode);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
        return data.length;
    }

    private static byte[] randomBytes(SplittableRandom random, int size) {
        var data = new byte[size];
        for (int i = 0; i < size; i += 8) {
            long value = random.nextLong();
            for (int b = 0; b < 8 && i + b < size; b++) {
                data[i + b] = (byte) (value >>> (8 * b));
            }
        }
        return data;
    }

    private static byte[] text(SplittableRandom random, int size) {
        var text = new StringBuilder(size + 16);
        while (text.length() < size) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(10) == 0 ? '\n' : ' ');
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] config(List<String> diffIds) throws IOException {
        var root = JSON.createObjectNode();
        root.put("architecture", "arm64");
        root.put("os", "linux");
        var rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        diffIds.forEach(rootfs.putArray("diff_ids")::add);
        return JSON.writeValueAsBytes(root);
    }

    private static ObjectNode descriptor(String mediaType, String digest, long size) {
        var node = JSON.createObjectNode();
        node.put("mediaType", mediaType);
        node.put("digest", digest);
        node.put("size", size);
        return node;
    }

    private static void putFile(TarArchiveOutputStream tar, String name, Path file) throws IOException {
        var entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(file));
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }
}
