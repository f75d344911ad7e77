package io.github.mikrotiktailscale.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis on archives written here, with every case the router's storage cares about, and
 * exact figures worked out by hand in the comments.
 */
class SizeAnalysisTest {

    private static final String VERSION = "v1.0.0-mt.1";

    @TempDir
    Path dir;

    /**
     * Layer 1 (gzip): busybox (1000, UPX) with sh and ls links, the CA bundle (5000), /opt/data/a (300)
     * and b (400), /tmp/gone (700). Layer 2 (uncompressed): tailscale.combined (9000, UPX), its two
     * argv[0] links and a hard link to it, entrypoint.sh (120, 0755), a symlink chain
     * /usr/bin/a -> b -> /usr/bin/c -> ../../bin/busybox, and the same 250 bytes as /etc/copy1 and
     * /etc/copy2. Layer 3: whiteout of /tmp/gone, /opt/data made opaque with a new c (50), /bin again
     * (a directory that reappears), and entrypoint.sh again with mode 0700 (a chmod).
     */
    static TestArchive image(LayerCompression first, LayerCompression second, LayerCompression third) {
        var copy = TestLayer.bytes(250, 8, false);
        return new TestArchive()
                .layer(new TestLayer()
                        .dir("bin")
                        .file("bin/busybox", TestLayer.bytes(1000, 1, true), 0755)
                        .symlink("bin/sh", "busybox")
                        .symlink("bin/ls", "busybox")
                        .dir("etc").dir("etc/ssl").dir("etc/ssl/certs")
                        .file("etc/ssl/certs/ca-certificates.crt", 5000, 2)
                        .dir("opt").dir("opt/data")
                        .file("opt/data/a", 300, 3)
                        .file("opt/data/b", 400, 4)
                        .dir("tmp", 01777)
                        .file("tmp/gone", 700, 5), first)
                .layer(new TestLayer()
                        .dir("usr").dir("usr/local").dir("usr/local/bin")
                        .file("usr/local/bin/tailscale.combined", TestLayer.bytes(9000, 6, true), 0755)
                        .symlink("usr/local/bin/tailscale", "tailscale.combined")
                        .symlink("usr/local/bin/tailscaled", "tailscale.combined")
                        .hardLink("usr/local/bin/ts-hard", "usr/local/bin/tailscale.combined")
                        .file("usr/local/bin/entrypoint.sh", TestLayer.bytes(120, 7, false), 0755)
                        .dir("usr/bin")
                        .symlink("usr/bin/a", "b")
                        .symlink("usr/bin/b", "/usr/bin/c")
                        .symlink("usr/bin/c", "../../bin/busybox")
                        .file("etc/copy1", copy, 0644)
                        .file("etc/copy2", copy, 0644), second)
                .layer(new TestLayer()
                        .whiteout("tmp/gone")
                        .dir("opt/data")
                        .opaque("opt/data")
                        .file("opt/data/c", 50, 9)
                        .dir("bin")
                        .file("usr/local/bin/entrypoint.sh", TestLayer.bytes(120, 7, false), 0700), third);
    }

    static ImageExpectations expectations() {
        return new ImageExpectations(List.of("/usr/local/bin/entrypoint.sh"),
                List.of("--state=/var/lib/tailscale/tailscaled.state"), List.of("/var/lib/tailscale"),
                ComponentPaths.STANDARD, true);
    }

    @Test
    void measuresTheFlattenedFilesystemWithWhiteoutsOpaqueDirectoriesAndHardLinks() throws IOException {
        var archive = image(LayerCompression.GZIP, LayerCompression.NONE, LayerCompression.GZIP)
                .writeDockerArchive(dir.resolve("image.tar"));

        var size = new SizeAnalysis().analyse("arm64", archive, expectations(), VERSION);

        assertThat(size.platform()).isEqualTo("linux/arm64/v8");
        assertThat(size.format()).isEqualTo("docker-archive");
        // busybox 1000 + CA 5000 + tailscale 9000 (its hard link once) + entrypoint 120 + copy1/copy2 250
        // each + opt/data/c 50; a, b and gone are gone
        assertThat(size.extracted()).isEqualTo(new ExtractedSize(15_670, 7, 1, 7, 11, 0));
        // layer 1: 1000+5000+300+400+700; layer 2: 9000+120+250+250; layer 3: 50+120
        assertThat(size.storedBytes()).isEqualTo(17_190);
        assertThat(size.storedFiles()).isEqualTo(11);
        assertThat(size.storedOverExtracted()).isEqualTo(1_520);
        assertThat(size.removedBytes()).isEqualTo(1_400);
        // 4 KiB blocks: layer 1 1+2+1+1+1, layer 2 3+1+1+1, layer 3 1+1
        assertThat(size.flashEstimateBytes()).isEqualTo(14 * 4096);
        assertThat(size.layers()).extracting(LayerSummary::fileBytes).containsExactly(7_400L, 9_620L, 170L);
        assertThat(size.layers()).extracting(LayerSummary::compression)
                .containsExactly(LayerCompression.GZIP, LayerCompression.NONE, LayerCompression.GZIP);
    }

    @Test
    void findsAFileStoredAgainByAChmodAndIdenticalContentUnderTwoPaths() throws IOException {
        var archive = image(LayerCompression.GZIP, LayerCompression.NONE, LayerCompression.NONE)
                .writeDockerArchive(dir.resolve("image.tar"));

        var size = new SizeAnalysis().analyse("arm64", archive, expectations(), VERSION);

        assertThat(size.duplicates()).hasSize(1);
        var duplicate = size.duplicates().get(0);
        assertThat(duplicate.path()).isEqualTo("usr/local/bin/entrypoint.sh");
        assertThat(duplicate.layers()).containsExactly(2, 3);
        assertThat(duplicate.wastedBytes()).isEqualTo(120);
        assertThat(duplicate.cause()).isEqualTo(Duplicate.METADATA);
        assertThat(duplicate.describe()).contains("/usr/local/bin/entrypoint.sh", "layers 2, 3", "120 bytes",
                "mode 0755 -> 0700", "chmod");
        // the directory /bin and /opt/data written again are not duplicates
        assertThat(size.identicalContent()).singleElement().satisfies(identical -> {
            assertThat(identical.paths()).containsExactly("etc/copy1", "etc/copy2");
            assertThat(identical.wastedBytes()).isEqualTo(250);
        });
        assertThat(size.duplicatedBytes()).isEqualTo(370);
    }

    @Test
    void splitsTheImageIntoComponentsAndPassesTheChecks() throws IOException {
        var archive = image(LayerCompression.GZIP, LayerCompression.NONE, LayerCompression.GZIP)
                .writeDockerArchive(dir.resolve("image.tar"));

        var size = new SizeAnalysis().analyse("arm64", archive, expectations(), VERSION);

        assertThat(size.components()).containsExactly(
                new ComponentSize("tailscale", "/usr/local/bin/tailscale.combined", true, 9_000, 1, 2),
                // sh, ls and the chain a -> b -> c all end at busybox
                new ComponentSize("busybox", "/bin/busybox", true, 1_000, 1, 5),
                new ComponentSize("caBundle", "/etc/ssl/certs/ca-certificates.crt", true, 5_000, 1, 0),
                new ComponentSize("entrypoint", "/usr/local/bin/entrypoint.sh", true, 120, 1, 0),
                new ComponentSize("other", "", true, 550, 3, 0));
        assertThat(size.checks()).allSatisfy(check -> assertThat(check.passed()).as(check.describe()).isTrue());
        assertThat(size.checks()).extracting(CheckResult::name).containsExactly("Tailscale binary UPX-packed",
                "busybox UPX-packed", "tailscale links", "links resolve", "entrypoint executable", "CA bundle",
                "config entrypoint", "config cmd", "config volumes", "version label");
        assertThat(size.checksSkipped()).isEmpty();
    }

    @Test
    void countsTransferAsStoredBlobsAndComputesGzipForUncompressedLayers() throws IOException {
        var image = image(LayerCompression.GZIP, LayerCompression.NONE, LayerCompression.GZIP);
        var archive = image.writeDockerArchive(dir.resolve("image.tar"));

        var size = new SizeAnalysis().analyse("arm64", archive, null, VERSION);

        var layers = image.layers();
        long gzip1 = layers.get(0).blob().length;
        long gzip2 = gzipSize(layers.get(1).tar());
        long gzip3 = layers.get(2).blob().length;
        assertThat(size.layers()).extracting(LayerSummary::transferBytes).containsExactly(gzip1, gzip2, gzip3);
        assertThat(size.layers()).extracting(LayerSummary::transferEstimated).containsExactly(false, true, false);
        try (var opened = ImageArchive.open(archive)) {
            assertThat(size.transfer().bytes())
                    .isEqualTo(gzip1 + gzip2 + gzip3 + opened.configSize() + opened.manifestSize());
        }
        assertThat(size.transfer().estimated()).isTrue();
        assertThat(size.transfer().note()).contains("uncompressed", "gzip size is computed here");
    }

    @Test
    void givesTheSameFiguresForAnOciLayoutWithZstdLayers() throws IOException {
        var docker = new SizeAnalysis().analyse("arm64",
                image(LayerCompression.GZIP, LayerCompression.NONE, LayerCompression.GZIP)
                        .writeDockerArchive(dir.resolve("docker.tar")), expectations(), VERSION);
        var image = image(LayerCompression.ZSTD, LayerCompression.GZIP, LayerCompression.ZSTD);
        var oci = new SizeAnalysis().analyse("arm64", image.writeOciLayout(dir.resolve("oci.tar")), expectations(),
                VERSION);

        assertThat(oci.format()).isEqualTo("oci-layout");
        assertThat(oci.extracted()).isEqualTo(docker.extracted());
        assertThat(oci.storedBytes()).isEqualTo(docker.storedBytes());
        assertThat(oci.flashEstimateBytes()).isEqualTo(docker.flashEstimateBytes());
        assertThat(oci.components()).isEqualTo(docker.components());
        assertThat(oci.duplicates()).extracting(Duplicate::path).containsExactly("usr/local/bin/entrypoint.sh");
        assertThat(oci.layers()).extracting(LayerSummary::compression)
                .containsExactly(LayerCompression.ZSTD, LayerCompression.GZIP, LayerCompression.ZSTD);
        // every layer is compressed: transfer is what the archive stores, nothing computed
        assertThat(oci.transfer().estimated()).isFalse();
        long blobs = 0;
        for (var layer : image.layers()) {
            blobs += layer.blob().length;
        }
        assertThat(oci.transfer().layerBytes()).isEqualTo(blobs);
        assertThat(oci.layers()).allSatisfy(l -> assertThat(l.digest()).startsWith("sha256:"));
    }

    @Test
    void withoutExpectationsSkipsTheChecksAndSaysSo() throws IOException {
        var archive = image(LayerCompression.NONE, LayerCompression.NONE, LayerCompression.NONE)
                .writeDockerArchive(dir.resolve("image.tar"));

        var size = new SizeAnalysis().analyse("arm64", archive, null, "other-version");

        assertThat(size.checks()).isEmpty();
        assertThat(size.checksSkipped()).contains("expectations.json", "only the budget and duplicate checks apply");
        assertThat(size.extracted().bytes()).isEqualTo(15_670);
    }

    @Test
    void aWhiteoutRemovesADirectoryWithEverythingBelowIt() throws IOException {
        var archive = new TestArchive()
                .layer(new TestLayer().dir("a").dir("a/b").file("a/b/one", 100, 1).file("a/two", 200, 2)
                        .file("keep", 10, 3), LayerCompression.NONE)
                .layer(new TestLayer().whiteout("a").file("a2", 5, 4), LayerCompression.NONE)
                .writeDockerArchive(dir.resolve("image.tar"));

        var size = new SizeAnalysis().analyse("amd64", archive, null, VERSION);

        assertThat(size.extracted()).isEqualTo(new ExtractedSize(15, 2, 0, 0, 0, 0));
        assertThat(size.storedBytes()).isEqualTo(315);
        assertThat(size.removedBytes()).isEqualTo(300);
        assertThat(size.duplicates()).isEmpty();
    }

    @Test
    void aFileRewrittenByALaterLayerIsAContentDuplicate() throws IOException {
        var archive = new TestArchive()
                .layer(new TestLayer().file("bin/tool", 3000, 1), LayerCompression.NONE)
                .layer(new TestLayer().file("bin/tool", 2000, 2), LayerCompression.NONE)
                .writeDockerArchive(dir.resolve("image.tar"));

        var size = new SizeAnalysis().analyse("amd64", archive, null, VERSION);

        assertThat(size.duplicates()).singleElement().satisfies(d -> {
            assertThat(d.cause()).isEqualTo(Duplicate.CONTENT);
            assertThat(d.wastedBytes()).isEqualTo(3000);
            assertThat(d.describe()).contains("rewrote its content");
        });
        assertThat(size.extracted().bytes()).isEqualTo(2000);
        assertThat(size.storedBytes()).isEqualTo(5000);
    }

    @Test
    void failedChecksNameWhatIsWrong() throws IOException {
        var archive = new TestArchive()
                .cmd(List.of("--something-else"))
                .labels(java.util.Map.of())
                .layer(new TestLayer()
                        .file("bin/busybox", TestLayer.bytes(500, 1, false), 0755)
                        .symlink("bin/sh", "busybox")
                        .symlink("bin/gone", "missing")
                        .symlink("bin/loop1", "loop2")
                        .symlink("bin/loop2", "loop1")
                        .file("usr/local/bin/tailscale.combined", TestLayer.bytes(800, 2, true), 0755)
                        .symlink("usr/local/bin/tailscale", "tailscale.combined")
                        .file("usr/local/bin/entrypoint.sh", TestLayer.bytes(10, 3, false), 0644),
                        LayerCompression.NONE)
                .writeDockerArchive(dir.resolve("image.tar"));

        var size = new SizeAnalysis().analyse("amd64", archive, expectations(), VERSION);

        assertThat(size.failedChecks()).extracting(CheckResult::name).containsExactly("busybox UPX-packed",
                "tailscale links", "links resolve", "entrypoint executable", "CA bundle", "config cmd", "version label");
        assertThat(size.failedChecks()).extracting(CheckResult::detail).anySatisfy(d -> assertThat(d)
                .contains("/usr/local/bin/tailscaled (/usr/local/bin/tailscaled does not exist)"))
                .anySatisfy(d -> assertThat(d).contains("3 of 5 symlinks lead nowhere", "/bin/gone -> missing",
                        "a loop"))
                .anySatisfy(d -> assertThat(d).contains("mode 0644, no execute bit"))
                .anySatisfy(d -> assertThat(d).contains("expected [--state=/var/lib/tailscale/tailscaled.state]"))
                .anySatisfy(d -> assertThat(d).contains("org.opencontainers.image.version=v1.0.0-mt.1",
                        "no such label"));
    }

    private static long gzipSize(byte[] tar) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(tar);
        }
        return out.size();
    }

    static long fileSize(Path file) throws IOException {
        return Files.size(file);
    }
}
