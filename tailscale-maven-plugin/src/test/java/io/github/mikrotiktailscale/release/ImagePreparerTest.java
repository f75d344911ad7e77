package io.github.mikrotiktailscale.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mikrotiktailscale.archive.Digests;
import io.github.mikrotiktailscale.image.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePreparerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SourceDate COMMIT = new SourceDate(1_764_000_000L, "test");

    @TempDir
    Path dir;

    /** One file of a layer as a build writes it: name, content, time, owner name. */
    private record File(String name, String content, long mtime, String user) {}

    @Test
    void twoBuildsThatDifferOnlyInTimesOwnersNamesAndOrderPublishTheSameDigests() throws Exception {
        var first = archive("first", "2026-11-29T20:01:02.123456789Z", List.of(
                new File("bin/", null, 1_764_400_000L, "root"),
                new File("bin/busybox", "busybox", 1_764_400_001L, "root"),
                new File("usr/local/bin/tailscale.combined", "binary", 1_764_400_002L, "builder")));
        var second = archive("second", "2026-11-30T08:00:00Z", List.of(
                new File("usr/local/bin/tailscale.combined", "binary", 1_764_500_002L, ""),
                new File("bin/busybox", "busybox", 1_764_500_001L, "ci"),
                new File("bin/", null, 1_764_500_000L, "")));

        var a = ImagePreparer.prepare(Platform.ARM64, first, dir.resolve("blobs-a"), COMMIT);
        var b = ImagePreparer.prepare(Platform.ARM64, second, dir.resolve("blobs-b"), COMMIT);

        assertThat(a.layers()).extracting(PreparedImage.Blob::digest)
                .containsExactlyElementsOf(b.layers().stream().map(PreparedImage.Blob::digest).toList());
        assertThat(a.configDigest()).isEqualTo(b.configDigest());
        assertThat(a.manifestDigest()).isEqualTo(b.manifestDigest());
        assertThat(ImagePreparer.manifestList(List.of(a))).isEqualTo(ImagePreparer.manifestList(List.of(b)));
    }

    @Test
    void contentAndTheSourceDateStillChangeTheDigests() throws Exception {
        var files = List.of(new File("bin/busybox", "busybox", 1L, "root"));
        var base = ImagePreparer.prepare(Platform.AMD64, archive("base", "2026-01-01T00:00:00Z", files),
                dir.resolve("b1"), COMMIT);
        var otherContent = ImagePreparer.prepare(Platform.AMD64, archive("content", "2026-01-01T00:00:00Z",
                List.of(new File("bin/busybox", "busybox!", 1L, "root"))), dir.resolve("b2"), COMMIT);
        var otherDate = ImagePreparer.prepare(Platform.AMD64, archive("date", "2026-01-01T00:00:00Z", files),
                dir.resolve("b3"), new SourceDate(COMMIT.epochSeconds() + 1, "next commit"));

        assertThat(otherContent.layers().get(0).digest()).isNotEqualTo(base.layers().get(0).digest());
        assertThat(otherContent.manifestDigest()).isNotEqualTo(base.manifestDigest());
        assertThat(otherDate.layers().get(0).digest()).isNotEqualTo(base.layers().get(0).digest());
        assertThat(otherDate.configDigest()).isNotEqualTo(base.configDigest());
    }

    @Test
    void thePublishedLayerIsSortedCarriesTheSourceDateAndKeepsModesLinksAndOwners() throws Exception {
        var in = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(in)) {
            var hardLink = new TarArchiveEntry("usr/local/bin/tailscaled-hard", TarArchiveEntry.LF_LINK);
            hardLink.setLinkName("usr/local/bin/tailscale.combined");
            tar.putArchiveEntry(hardLink);
            tar.closeArchiveEntry();
            var file = new TarArchiveEntry("usr/local/bin/tailscale.combined");
            file.setSize(3);
            file.setMode(0100755);
            file.setModTime(1_764_400_000_000L);
            file.setUserName("builder");
            tar.putArchiveEntry(file);
            tar.write("abc".getBytes(StandardCharsets.UTF_8));
            tar.closeArchiveEntry();
            var link = new TarArchiveEntry("usr/local/bin/tailscale", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("tailscale.combined");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            var volume = new TarArchiveEntry("var/lib/tailscale/");
            volume.setIds(1000, 1000);
            volume.setMode(040700);
            tar.putArchiveEntry(volume);
            tar.closeArchiveEntry();
        }
        var out = new ByteArrayOutputStream();

        ReproducibleLayer.rewrite(new java.io.ByteArrayInputStream(in.toByteArray()), out, COMMIT);

        var entries = new ArrayList<TarArchiveEntry>();
        var contents = new ArrayList<String>();
        try (var tar = new TarArchiveInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.add(e);
                contents.add(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly("usr/local/bin/tailscale",
                "usr/local/bin/tailscale.combined", "var/lib/tailscale/", "usr/local/bin/tailscaled-hard");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.getModTime().getTime()).isEqualTo(COMMIT.epochSeconds() * 1000);
            assertThat(e.getUserName()).isEmpty();
            assertThat(e.getGroupName()).isEmpty();
        });
        assertThat(entries.get(0).getLinkName()).isEqualTo("tailscale.combined");
        assertThat(entries.get(1).getMode()).as("permission bits only").isEqualTo(0755);
        assertThat(entries.get(1).isFile()).isTrue();
        assertThat(contents.get(1)).isEqualTo("abc");
        assertThat(entries.get(2).getLongUserId()).isEqualTo(1000);
        assertThat(entries.get(2).getMode() & 07777).isEqualTo(0700);
        assertThat(entries.get(3).isLink()).isTrue();
        assertThat(entries.get(3).getLinkName()).isEqualTo("usr/local/bin/tailscale.combined");
    }

    @Test
    void theConfigCarriesTheSourceDateAndNamesTheRewrittenLayers() throws Exception {
        var prepared = ImagePreparer.prepare(Platform.AMD64, archive("config", "2026-11-29T20:01:02Z",
                List.of(new File("a", "a", 5L, "root"))), dir.resolve("blobs"), COMMIT);

        var config = JSON.readTree(prepared.config());
        assertThat(config.path("created").asText()).isEqualTo("2025-11-24T16:00:00Z");
        assertThat(config.path("history").get(0).path("created").asText()).isEqualTo("2025-11-24T16:00:00Z");
        assertThat(config.path("history").get(0).has("created_by")).as("engine-dependent command text").isFalse();
        assertThat(config.path("config").path("Labels").path("org.opencontainers.image.version").asText())
                .isEqualTo("v1.102.5-mt.1");
        byte[] layer;
        try (var gzip = new GZIPInputStream(Files.newInputStream(prepared.layers().get(0).file()))) {
            layer = gzip.readAllBytes();
        }
        assertThat(config.path("rootfs").path("diff_ids").get(0).asText()).isEqualTo("sha256:" + Digests.sha256(layer));
        assertThat(prepared.configDigest()).isEqualTo("sha256:" + Digests.sha256(prepared.config()));
    }

    @Test
    void theEnginesBuildKitAndANewerOneOnARemoteNodePublishTheSameDigests() throws Exception {
        var files = List.of(new File("bin/", null, 1L, "root"), new File("bin/busybox", "busybox", 2L, "root"));
        // docker save: the file type in each mode field, "OnBuild": null, the ARG's default as history
        var engine = ImagePreparer.prepare(Platform.AMD64, archive("engine", "2026-11-29T21:21:24Z", files, false),
                dir.resolve("engine"), COMMIT);
        // BuildKit v0.34's exporter: permission bits only, no null members, the ARG's value as history
        var node = ImagePreparer.prepare(Platform.AMD64, archive("node", "2026-11-29T21:56:50Z", files, true),
                dir.resolve("node"), COMMIT);

        assertThat(node.layers().get(0).digest()).isEqualTo(engine.layers().get(0).digest());
        assertThat(node.configDigest()).isEqualTo(engine.configDigest());
        assertThat(node.manifestDigest()).isEqualTo(engine.manifestDigest());
    }

    /** A docker-archive (docker save) with one layer of these files and a config dated {@code created}. */
    private Path archive(String name, String created, List<File> files) throws IOException {
        return archive(name, created, files, false);
    }

    /** As above; {@code buildKitStyle}: the layer and config as a BuildKit exporter writes them. */
    private Path archive(String name, String created, List<File> files, boolean buildKitStyle) throws IOException {
        var layerBytes = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(layerBytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var file : files) {
                var entry = new TarArchiveEntry(file.name());
                var content = file.content() == null ? new byte[0] : file.content().getBytes(StandardCharsets.UTF_8);
                entry.setSize(content.length);
                entry.setModTime(file.mtime() * 1000);
                entry.setUserName(file.user());
                if (buildKitStyle) {
                    entry.setMode(entry.getMode() & 07777);
                }
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        var layer = layerBytes.toByteArray();
        var config = JSON.createObjectNode();
        config.put("architecture", "arm64");
        config.put("os", "linux");
        var runConfig = config.putObject("config");
        runConfig.putObject("Labels").put("org.opencontainers.image.version", "v1.102.5-mt.1");
        if (!buildKitStyle) {
            runConfig.putNull("OnBuild");
        }
        config.put("created", created);
        var history = config.putArray("history");
        history.addObject().put("created", created).put("created_by", buildKitStyle ? "ARG V=v1" : "ARG V=dev")
                .put("empty_layer", true);
        history.addObject().put("created", created).put("created_by", "COPY a /");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add("sha256:" + Digests.sha256(layer));
        var configBytes = JSON.writeValueAsBytes(config);
        var configName = Digests.sha256(configBytes) + ".json";
        var manifest = JSON.createArrayNode();
        var entry = manifest.addObject();
        entry.put("Config", configName);
        entry.putArray("RepoTags");
        entry.putArray("Layers").add("layer/layer.tar");
        var archive = dir.resolve(name + ".tar");
        try (OutputStream out = Files.newOutputStream(archive); var tar = new TarArchiveOutputStream(out)) {
            put(tar, "manifest.json", JSON.writeValueAsBytes(manifest));
            put(tar, configName, configBytes);
            put(tar, "layer/layer.tar", layer);
        }
        return archive;
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        var entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
