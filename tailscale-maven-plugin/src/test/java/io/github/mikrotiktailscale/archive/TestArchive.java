package io.github.mikrotiktailscale.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Writes image archives as {@code docker save} (docker-archive) and as an OCI image layout in a tar. */
final class TestArchive {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Layer(byte[] tar, LayerCompression compression) {

        byte[] blob() throws IOException {
            if (compression == LayerCompression.NONE) {
                return tar;
            }
            var out = new ByteArrayOutputStream();
            try (OutputStream compressor = compression == LayerCompression.GZIP
                    ? new GzipCompressorOutputStream(out) : new ZstdCompressorOutputStream(out)) {
                compressor.write(tar);
            }
            return out.toByteArray();
        }
    }

    private final List<Layer> layers = new ArrayList<>();
    private List<String> entrypoint = List.of("/usr/local/bin/entrypoint.sh");
    private List<String> cmd = List.of("--state=/var/lib/tailscale/tailscaled.state");
    private List<String> volumes = List.of("/var/lib/tailscale");
    private Map<String, String> labels = Map.of("org.opencontainers.image.version", "v1.0.0-mt.1");
    private String architecture = "arm64";
    private String variant = "v8";

    TestArchive platform(String arch, String archVariant) {
        architecture = arch;
        variant = archVariant;
        return this;
    }

    TestArchive layer(TestLayer layer, LayerCompression compression) {
        layers.add(new Layer(layer.tar(), compression));
        return this;
    }

    TestArchive cmd(List<String> value) {
        cmd = value;
        return this;
    }

    TestArchive labels(Map<String, String> value) {
        labels = value;
        return this;
    }

    byte[] config() throws IOException {
        var root = JSON.createObjectNode();
        root.put("architecture", architecture);
        root.put("os", "linux");
        if (!variant.isEmpty()) {
            root.put("variant", variant);
        }
        var config = root.putObject("config");
        config.set("Entrypoint", JSON.valueToTree(entrypoint));
        config.set("Cmd", JSON.valueToTree(cmd));
        var vols = config.putObject("Volumes");
        volumes.forEach(v -> vols.putObject(v));
        config.set("Labels", JSON.valueToTree(labels));
        var rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        var diffIds = rootfs.putArray("diff_ids");
        for (var layer : layers) {
            diffIds.add("sha256:" + Digests.sha256(layer.tar()));
        }
        return JSON.writeValueAsBytes(root);
    }

    /** docker save's layout: {@code <id>/layer.tar}, {@code <config>.json}, {@code manifest.json}. */
    Path writeDockerArchive(Path file) throws IOException {
        var config = config();
        var configName = Digests.sha256(config) + ".json";
        try (var tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            put(tar, configName, config);
            var names = new ArrayList<String>();
            int i = 0;
            for (var layer : layers) {
                var name = String.format("%064x/layer.tar", ++i);
                put(tar, name, layer.blob());
                names.add(name);
            }
            var manifest = JSON.createArrayNode();
            var image = manifest.addObject();
            image.put("Config", configName);
            image.putArray("RepoTags").add("test/image:latest");
            image.set("Layers", JSON.valueToTree(names));
            put(tar, "manifest.json", JSON.writeValueAsBytes(manifest));
        }
        return file;
    }

    /** An OCI image layout: {@code oci-layout}, {@code index.json}, {@code blobs/sha256/...}. */
    Path writeOciLayout(Path file) throws IOException {
        var config = config();
        try (var tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            put(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
            var manifest = JSON.createObjectNode();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json", config));
            putBlob(tar, config);
            var layerDescriptors = manifest.putArray("layers");
            for (var layer : layers) {
                var blob = layer.blob();
                var type = "application/vnd.oci.image.layer.v1.tar" + switch (layer.compression()) {
                    case GZIP -> "+gzip";
                    case ZSTD -> "+zstd";
                    case NONE -> "";
                };
                layerDescriptors.add(descriptor(type, blob));
                putBlob(tar, blob);
            }
            var manifestBytes = JSON.writeValueAsBytes(manifest);
            putBlob(tar, manifestBytes);
            var index = JSON.createObjectNode();
            index.put("schemaVersion", 2);
            index.putArray("manifests").add(descriptor("application/vnd.oci.image.manifest.v1+json", manifestBytes));
            put(tar, "index.json", JSON.writeValueAsBytes(index));
        }
        return file;
    }

    List<Layer> layers() {
        return layers;
    }

    private static ObjectNode descriptor(String mediaType, byte[] blob) {
        var node = JSON.createObjectNode();
        node.put("mediaType", mediaType);
        node.put("digest", "sha256:" + Digests.sha256(blob));
        node.put("size", blob.length);
        return node;
    }

    /** Also used by the archive benchmark (src/bench), which compiles with the tests. */
    static void putBlob(TarArchiveOutputStream tar, byte[] blob) throws IOException {
        put(tar, "blobs/sha256/" + Digests.sha256(blob), blob);
    }

    static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        var entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
