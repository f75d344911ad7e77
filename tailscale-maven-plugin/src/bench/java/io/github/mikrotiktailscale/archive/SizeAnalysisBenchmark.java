package io.github.mikrotiktailscale.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * How fast the size analysis reads an archive and how much heap it keeps: a ~100 MB and a ~400 MB
 * generated archive, OCI layout with gzip layers and docker-archive with plain ones. Not a test:
 * run it with {@code ./mvnw -pl tailscale-maven-plugin verify -Pbench} (see BENCHMARKS.md); it
 * prints its figures and fails below 200 MB/s or when the heap grows with the archive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SizeAnalysisBenchmark {

    private static final int LAYERS_PER_100_MB = 10;
    private static final int WARM_UP_RUNS = 3;
    private static final int RUNS = 5;
    private static final double MIN_MB_PER_SECOND = 200;
    private static Path work;
    private static Result small;

    record Result(double seconds, long liveBaseline, long livePeak, ImageSize size) {}

    @BeforeAll
    static void workDirectory() throws IOException {
        work = Files.createDirectories(Path.of("target", "bench"));
        print("JVM %s, max heap %s, %d CPUs", System.getProperty("java.vm.version"),
                ByteSize.format(Runtime.getRuntime().maxMemory()), Runtime.getRuntime().availableProcessors());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.list(work)) {
            for (var file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    @Order(1)
    void ociLayoutWithGzipLayers100Mb() throws IOException {
        var archive = BenchArchive.write(work.resolve("oci-100.tar"), LAYERS_PER_100_MB, true);
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            measure(archive, true); // the JIT compiles, the page cache fills
        }
        small = best(archive, true, "OCI layout, gzip layers");
        assertThat(megabytesPerSecond(archive, small)).isGreaterThanOrEqualTo(MIN_MB_PER_SECOND);
    }

    @Test
    @Order(2)
    void ociLayoutWithGzipLayers400MbKeepsTheHeapFlat() throws IOException {
        var archive = BenchArchive.write(work.resolve("oci-400.tar"), 4 * LAYERS_PER_100_MB, true);
        var large = best(archive, true, "OCI layout, gzip layers");
        assertThat(megabytesPerSecond(archive, large)).isGreaterThanOrEqualTo(MIN_MB_PER_SECOND);
        long growth = (large.livePeak() - large.liveBaseline()) - (small.livePeak() - small.liveBaseline());
        print("  heap growth from 4x the archive: %s (per-path metadata of %d more files, no contents)",
                ByteSize.formatChange(growth), large.size().storedFiles() - small.size().storedFiles());
        assertThat(growth).as("live heap growth for a 4x archive").isLessThan(16_000_000);
        Files.delete(archive.file());
    }

    @Test
    @Order(3)
    void dockerArchiveWithPlainLayers100Mb() throws IOException {
        var archive = BenchArchive.write(work.resolve("docker-100.tar"), LAYERS_PER_100_MB, false);
        var walkOnly = best(archive, false, "docker-archive, plain layers, no transfer estimate");
        assertThat(megabytesPerSecond(archive, walkOnly)).isGreaterThanOrEqualTo(MIN_MB_PER_SECOND);
        // what the goal does for docker save's archives: also gzip every layer to learn the push size
        best(archive, true, "docker-archive, plain layers, with the gzip transfer estimate");
        Files.delete(archive.file());
    }

    private static Result best(BenchArchive.Written archive, boolean estimateTransfer, String what) throws IOException {
        Result best = null;
        for (int i = 0; i < RUNS; i++) {
            var result = measure(archive, estimateTransfer);
            if (best == null || result.seconds() < best.seconds()) {
                best = result;
            }
        }
        long archiveBytes = Files.size(archive.file());
        var size = best.size();
        print("%s: %s archive, %d layers, %d files, %s of file content", what, ByteSize.format(archiveBytes),
                archive.layers(), archive.files(), ByteSize.format(archive.contentBytes()));
        print("  best of %d: %.3f s = %.0f MB/s of archive, %.0f MB/s of file content", RUNS, best.seconds(),
                megabytesPerSecond(archive, best), archive.contentBytes() / 1e6 / best.seconds());
        print("  live heap: %s before, peak %s during (%s for the analysis)", ByteSize.format(best.liveBaseline()),
                ByteSize.format(best.livePeak()), ByteSize.formatChange(best.livePeak() - best.liveBaseline()));
        print("  found: extracted %s, stored %s, %d duplicates, transfer %s%s", ByteSize.format(size.extracted().bytes()),
                ByteSize.format(size.storedBytes()), size.duplicates().size(), ByteSize.format(size.transfer().bytes()),
                size.transfer().estimated() ? " (gzip computed)" : "");
        return best;
    }

    private static Result measure(BenchArchive.Written archive, boolean estimateTransfer) throws IOException {
        long baseline = HeapWatch.liveNow();
        try (var watch = new HeapWatch()) {
            long start = System.nanoTime();
            var size = new SizeAnalysis(estimateTransfer).analyse("arm64", archive.file(), null, "bench");
            double seconds = (System.nanoTime() - start) / 1e9;
            // what the result itself keeps counts too: measured while it is still referenced
            long retained = HeapWatch.liveNow();
            assertThat(size.storedFiles()).isEqualTo(archive.files());
            return new Result(seconds, baseline, Math.max(watch.peakAfterGc(), retained), size);
        }
    }

    private static double megabytesPerSecond(BenchArchive.Written archive, Result result) throws IOException {
        return Files.size(archive.file()) / 1e6 / result.seconds();
    }

    private static void print(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
