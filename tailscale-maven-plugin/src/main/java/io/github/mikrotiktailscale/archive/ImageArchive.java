package io.github.mikrotiktailscale.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A single-platform image saved as a tar file: {@code docker save}'s docker-archive (with its
 * {@code manifest.json}) or an OCI image layout ({@code index.json}, {@code blobs/}). Layers may
 * be plain tar, gzip or zstd; {@link #openLayer} hides which.
 */
public final class ImageArchive implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries;
    private final String format;
    private final byte[] manifestBytes;
    private final byte[] configBytes;
    private final String configDigest;
    private final List<LayerBlob> layers;
    private final ImageConfig config;

    private ImageArchive(Path file, TarFile tar) throws IOException {
        this.file = file;
        this.tar = tar;
        this.entries = new HashMap<>();
        for (var entry : tar.getEntries()) {
            entries.put(normalise(entry.getName()), entry);
        }
        if (entries.containsKey("manifest.json")) {
            format = "docker-archive";
            manifestBytes = read("manifest.json");
            var manifest = JSON.readTree(manifestBytes);
            if (!manifest.isArray() || manifest.size() != 1) {
                throw new InvalidArchiveException(file + " holds " + manifest.size()
                        + " images; save one image per archive.");
            }
            var image = manifest.get(0);
            var configEntry = text(image, "Config");
            configBytes = read(configEntry);
            configDigest = "sha256:" + Digests.sha256(configBytes);
            layers = new ArrayList<>();
            for (var layer : image.path("Layers")) {
                var name = normalise(layer.asText());
                layers.add(new LayerBlob(name, blobDigest(name), entry(name).getSize()));
            }
        } else if (entries.containsKey("index.json")) {
            format = "oci-layout";
            var index = JSON.readTree(read("index.json"));
            var manifestDescriptor = singleManifest(index);
            manifestBytes = read(blobEntry(text(manifestDescriptor, "digest")));
            var manifest = JSON.readTree(manifestBytes);
            configDigest = text(manifest.path("config"), "digest");
            configBytes = read(blobEntry(configDigest));
            layers = new ArrayList<>();
            for (var layer : manifest.path("layers")) {
                var digest = text(layer, "digest");
                var name = blobEntry(digest);
                layers.add(new LayerBlob(name, digest, entry(name).getSize()));
            }
        } else {
            throw new InvalidArchiveException(file + " is neither a docker-archive (no manifest.json) nor an OCI"
                    + " image layout (no index.json).");
        }
        config = parseConfig(JSON.readTree(configBytes));
    }

    public static ImageArchive open(Path file) throws IOException {
        var tar = new TarFile(file);
        try {
            return new ImageArchive(file, tar);
        } catch (IOException | RuntimeException e) {
            tar.close();
            if (e instanceof InvalidArchiveException invalid) {
                throw invalid;
            }
            throw new InvalidArchiveException(file + " is not a readable image archive: " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    /** {@code docker-archive} or {@code oci-layout}. */
    public String format() {
        return format;
    }

    public ImageConfig config() {
        return config;
    }

    /** The image id: the digest of the config blob. */
    public String configDigest() {
        return configDigest;
    }

    /** The config blob exactly as stored: its digest is the image id. */
    public byte[] configBytes() {
        return configBytes.clone();
    }

    public long configSize() {
        return configBytes.length;
    }

    public long manifestSize() {
        return manifestBytes.length;
    }

    /** Layers, bottom first. */
    public List<LayerBlob> layers() {
        return List.copyOf(layers);
    }

    /** The layer's tar stream, decompressed whatever the archive stored. */
    public InputStream openLayer(LayerBlob layer) throws IOException {
        var in = openRawLayer(layer);
        return LayerCompression.detect(in).decompress(in);
    }

    /** The layer's bytes as stored (compressed or not); {@link LayerCompression#detect} tells which. */
    public BufferedInputStream openRawLayer(LayerBlob layer) throws IOException {
        return new BufferedInputStream(tar.getInputStream(entry(layer.entry())), 1 << 16);
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    private JsonNode singleManifest(JsonNode index) throws IOException {
        var manifests = new ArrayList<JsonNode>();
        index.path("manifests").forEach(manifests::add);
        // BuildKit adds attestation manifests to some exports; they are not the image.
        manifests.removeIf(m -> "attestation-manifest".equals(
                m.path("annotations").path("vnd.docker.reference.type").asText()));
        if (manifests.size() != 1) {
            throw new InvalidArchiveException(file + " holds " + manifests.size()
                    + " manifests; save one single-platform image per archive.");
        }
        var descriptor = manifests.get(0);
        var mediaType = descriptor.path("mediaType").asText();
        if (mediaType.contains("index") || mediaType.contains("manifest.list")) {
            return singleManifest(JSON.readTree(read(blobEntry(text(descriptor, "digest")))));
        }
        return descriptor;
    }

    private ImageConfig parseConfig(JsonNode root) {
        var c = root.path("config");
        var labels = new TreeMap<String, String>();
        c.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        var volumes = new ArrayList<String>();
        c.path("Volumes").fieldNames().forEachRemaining(volumes::add);
        return new ImageConfig(root.path("os").asText(), root.path("architecture").asText(),
                root.path("variant").asText(""), labels, strings(c.path("Entrypoint")), strings(c.path("Cmd")),
                volumes, strings(c.path("Env")), strings(root.path("rootfs").path("diff_ids")));
    }

    private static List<String> strings(JsonNode array) {
        var list = new ArrayList<String>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private byte[] read(String name) throws IOException {
        try (var in = tar.getInputStream(entry(name))) {
            return in.readAllBytes();
        }
    }

    private TarArchiveEntry entry(String name) throws InvalidArchiveException {
        var entry = entries.get(normalise(name));
        if (entry == null) {
            throw new InvalidArchiveException(file + " lacks " + name + ", which its manifest names.");
        }
        return entry;
    }

    private static String blobEntry(String digest) throws InvalidArchiveException {
        var colon = digest.indexOf(':');
        if (colon < 0) {
            throw new InvalidArchiveException("not a digest: " + digest);
        }
        return "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
    }

    /** In newer docker-archives layers sit under blobs/sha256/; their name is their digest. */
    private static String blobDigest(String entry) {
        return entry.startsWith("blobs/sha256/") ? "sha256:" + entry.substring("blobs/sha256/".length()) : "";
    }

    private static String text(JsonNode node, String field) throws InvalidArchiveException {
        var value = node.path(field);
        if (!value.isTextual()) {
            throw new InvalidArchiveException("the archive's manifest has no " + field);
        }
        return value.asText();
    }

    private static String normalise(String name) {
        var n = name.startsWith("./") ? name.substring(2) : name;
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }

}
