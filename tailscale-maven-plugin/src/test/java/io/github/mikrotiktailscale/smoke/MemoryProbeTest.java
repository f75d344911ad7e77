package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryProbeTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(MemoryProbeTest.class.getResource("memory/" + name).toURI());
    }

    private static MemoryProbe probe(Path root) {
        return new MemoryProbe(root.resolve("proc"), root.resolve("cgroup"));
    }

    @Test
    void readsTheDaemonsRssSplitFromARealStatusFile() throws Exception {
        var status = Files.readString(fixture("v1").resolve("proc/17931/status"));

        var memory = ProcessMemory.parse(17931, "tailscaled\n", status);

        assertThat(memory.command()).isEqualTo("tailscaled");
        assertThat(memory.rss()).isEqualTo(32572 * 1024L);
        assertThat(memory.rssAnon()).isEqualTo(32564 * 1024L);
        assertThat(memory.rssFile()).isEqualTo(8 * 1024L);
        assertThat(memory.peakRss()).isEqualTo(32572 * 1024L);
        assertThat(memory.describe()).isEqualTo("tailscaled (pid 17931): RSS 33.35 MB, 33.35 MB anonymous");
    }

    @Test
    void aStatusWithoutRssIsNoReading() {
        assertThatThrownBy(() -> ProcessMemory.parse(2, "kthreadd", "Name:\tkthreadd\nState:\tS (sleeping)\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no VmRSS")
                .hasMessageContaining("kthreadd");
    }

    @Test
    void anOldKernelWithoutTheSplitCountsEverythingAsAnonymous() {
        var memory = ProcessMemory.parse(7, "tailscaled", "VmRSS:\t  1000 kB\n");

        assertThat(memory.rssAnon()).isEqualTo(memory.rss()).isEqualTo(1_024_000);
        assertThat(memory.rssFile()).isZero();
    }

    @Test
    void cgroupV1OnAHybridHostIsTheMemoryControllersDirectoryNotTheUnifiedOne() throws Exception {
        var root = fixture("v1");

        var reading = probe(root).read(17877);

        var cgroup = reading.cgroup().orElseThrow();
        assertThat(cgroup.version()).isEqualTo(CgroupMemory.Version.V1);
        assertThat(cgroup.directory()).isEqualTo(root.resolve("cgroup/memory/docker/32a4"));
        assertThat(cgroup.current()).isEqualTo(33_550_336);
        assertThat(cgroup.peak()).hasValue(58_322_944);
    }

    @Test
    void findsTheDaemonAndTheCliAmongTheContainersProcessesAndSkipsOnesThatAreGone() throws Exception {
        var reading = probe(fixture("v1")).read(17877);

        // 18100 is listed in cgroup.procs but has no /proc entry: a CLI call that just ended
        assertThat(reading.processes()).extracting(ProcessMemory::pid).containsExactly(17877, 17931, 18002);
        assertThat(reading.daemon()).map(ProcessMemory::pid).hasValue(17931);
        assertThat(reading.cliRss()).isEqualTo(18944 * 1024L);
        assertThat(reading.totalRss()).isEqualTo((512 + 32572 + 18944) * 1024L);
    }

    @Test
    void cgroupV2HasCurrentAndPeakInTheUnifiedTree() throws Exception {
        var root = fixture("v2");

        var reading = probe(root).read(4242);

        var cgroup = reading.cgroup().orElseThrow();
        assertThat(cgroup.version()).isEqualTo(CgroupMemory.Version.V2);
        assertThat(cgroup.current()).isEqualTo(21_000_000);
        assertThat(cgroup.peak()).hasValue(25_000_000);
        assertThat(reading.daemon().orElseThrow().rss()).isEqualTo(18500 * 1024L);
    }

    @Test
    void aV2KernelBefore519HasNoPeak(@TempDir Path temp) throws Exception {
        copy(fixture("v2"), temp);
        Files.delete(temp.resolve("cgroup/system.slice/docker-abcd.scope/memory.peak"));

        assertThat(probe(temp).read(4242).cgroup().orElseThrow().peak()).isEmpty();
    }

    @Test
    void withoutAMemoryCgroupTheContainersFirstProcessIsStillRead(@TempDir Path temp) throws Exception {
        copy(fixture("v2"), temp);
        Files.writeString(temp.resolve("proc/4242/cgroup"), "0::/elsewhere\n");

        var reading = probe(temp).read(4242);

        assertThat(reading.cgroup()).isEmpty();
        assertThat(reading.daemon()).map(ProcessMemory::pid).hasValue(4242);
    }

    @Test
    void aContainerThatIsGoneCannotBeRead(@TempDir Path temp) {
        assertThatThrownBy(() -> probe(temp).read(99)).isInstanceOf(IOException.class);
    }

    @Test
    void resetsTheV1PeakButNotV2s(@TempDir Path temp) throws Exception {
        copy(fixture("v1"), temp.resolve("v1"));
        copy(fixture("v2"), temp.resolve("v2"));

        assertThat(probe(temp.resolve("v1")).resetPeak(17931)).isTrue();
        assertThat(probe(temp.resolve("v2")).resetPeak(4242)).isFalse();

        assertThat(Files.readString(temp.resolve("v1/cgroup/memory/docker/32a4/memory.max_usage_in_bytes")))
                .isEqualTo("0");
        assertThat(Files.readString(temp.resolve("v2/cgroup/system.slice/docker-abcd.scope/memory.peak")).strip())
                .isEqualTo("25000000");
    }

    /** A writable copy of a fixture tree (the CLI peak resets the v1 cgroup's peak). */
    static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (var file : files.toList()) {
                var target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
