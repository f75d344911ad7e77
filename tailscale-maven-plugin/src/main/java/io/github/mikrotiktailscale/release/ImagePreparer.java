package io.github.mikrotiktailscale.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mikrotiktailscale.archive.Digests;
import io.github.mikrotiktailscale.archive.ImageArchive;
import io.github.mikrotiktailscale.image.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.zip.Deflater;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Turns a saved image archive into registry blobs that depend only on what the image holds and on
 * the {@link SourceDate}: every layer is rewritten ({@link ReproducibleLayer}: sorted, one time for
 * every file) and recompressed with gzip without timestamp or name, and the config's dates and layer
 * list follow ({@link ReproducibleConfig}). Two builds of one commit, on any machine, therefore give
 * the same digests, and publishing twice pushes nothing new.
 */
public final class ImagePreparer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImagePreparer() {}

    public static PreparedImage prepare(Platform platform, Path archive, Path blobDirectory, SourceDate date)
            throws IOException {
        Files.createDirectories(blobDirectory);
        try (var image = ImageArchive.open(archive)) {
            var layers = new ArrayList<PreparedImage.Blob>();
            var diffIds = new ArrayList<String>();
            for (var layer : image.layers()) {
                var partial = Files.createTempFile(blobDirectory, "layer", ".partial");
                var compressed = Digests.newSha256();
                var uncompressed = Digests.newSha256();
                var parameters = new GzipParameters();
                parameters.setCompressionLevel(Deflater.BEST_COMPRESSION);
                parameters.setModificationTime(0);
                parameters.setOperatingSystem(255);
                try (var in = image.openLayer(layer);
                        OutputStream file = Files.newOutputStream(partial);
                        var hashing = new DigestOutputStream(file, compressed);
                        var gzip = new GzipCompressorOutputStream(hashing, parameters);
                        var tar = new DigestOutputStream(gzip, uncompressed)) {
                    ReproducibleLayer.rewrite(in, tar, date);
                }
                diffIds.add("sha256:" + HexFormat.of().formatHex(uncompressed.digest()));
                var hex = HexFormat.of().formatHex(compressed.digest());
                var blob = blobDirectory.resolve(hex + ".tar.gz");
                Files.move(partial, blob, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                layers.add(new PreparedImage.Blob("sha256:" + hex, Files.size(blob), blob));
            }
            var config = ReproducibleConfig.rewrite(image.configBytes(), diffIds, date);
            var configDigest = "sha256:" + Digests.sha256(config);
            var manifest = manifest(config, configDigest, layers);
            return new PreparedImage(platform, config, configDigest, layers, manifest,
                    "sha256:" + Digests.sha256(manifest), Files.size(archive));
        }
    }

    /** A Docker image manifest (schema 2): what the manifest list points at for each platform. */
    static byte[] manifest(byte[] config, String configDigest, java.util.List<PreparedImage.Blob> layers)
            throws IOException {
        var root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", RegistryClient.MANIFEST);
        var configNode = root.putObject("config");
        configNode.put("mediaType", "application/vnd.docker.container.image.v1+json");
        configNode.put("size", config.length);
        configNode.put("digest", configDigest);
        var layerNodes = root.putArray("layers");
        for (var layer : layers) {
            var node = layerNodes.addObject();
            node.put("mediaType", "application/vnd.docker.image.rootfs.diff.tar.gzip");
            node.put("size", layer.size());
            node.put("digest", layer.digest());
        }
        return JSON.writeValueAsBytes(root);
    }

    /** A Docker manifest list with one entry per platform, in the order given. */
    public static byte[] manifestList(java.util.List<PreparedImage> images) throws IOException {
        var root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", RegistryClient.MANIFEST_LIST);
        var entries = root.putArray("manifests");
        for (var image : images) {
            var entry = entries.addObject();
            entry.put("mediaType", RegistryClient.MANIFEST);
            entry.put("size", image.manifest().length);
            entry.put("digest", image.manifestDigest());
            var platform = entry.putObject("platform");
            platform.put("architecture", image.platform().architecture());
            platform.put("os", image.platform().os());
            if (!image.platform().variant().isEmpty()) {
                platform.put("variant", image.platform().variant());
            }
        }
        return JSON.writeValueAsBytes(root);
    }
}
