package io.github.mikrotiktailscale.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mikrotiktailscale.image.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small docker-archives for unit tests: what an engine's save would write. */
public final class TestImages {

    private TestImages() {}

    /** A docker-archive with one layer: manifest.json, the config, the layer. */
    public static void writeArchive(Path archive, Platform platform, Map<String, String> labels) throws IOException {
        var json = new ObjectMapper();
        var layer = layerTar();
        var config = json.createObjectNode();
        config.put("architecture", platform.architecture());
        config.put("os", "linux");
        if (!platform.variant().isEmpty()) {
            config.put("variant", platform.variant());
        }
        var labelNode = config.putObject("config").putObject("Labels");
        labels.forEach(labelNode::put);
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids")
                .add("sha256:" + io.github.mikrotiktailscale.archive.Digests.sha256(layer));
        var configBytes = json.writeValueAsBytes(config);
        var configName = io.github.mikrotiktailscale.archive.Digests.sha256(configBytes) + ".json";
        var manifest = json.createArrayNode();
        var entry = manifest.addObject();
        entry.put("Config", configName);
        entry.putArray("RepoTags");
        entry.putArray("Layers").add("layer.tar");
        try (OutputStream out = Files.newOutputStream(archive); var tar = new TarArchiveOutputStream(out)) {
            put(tar, "manifest.json", json.writeValueAsBytes(manifest));
            put(tar, configName, configBytes);
            put(tar, "layer.tar", layer);
        }
    }

    private static byte[] layerTar() throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(bytes)) {
            put(tar, "hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        var entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
