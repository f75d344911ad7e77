package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.smoke.PlatformSmokeTest.ScriptedDocker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder on the fixture trees of {@link MemoryProbeTest}, with a scripted docker for the pids. */
class MemoryRecorderTest {

    @TempDir
    Path temp;

    private MemoryRecorder recorder(ScriptedDocker docker, String tree) throws Exception {
        var root = temp.resolve(tree);
        MemoryProbeTest.copy(Path.of(MemoryRecorderTest.class.getResource("memory/" + tree).toURI()), root);
        return new MemoryRecorder(new DockerCli(docker, "docker"),
                new MemoryProbe(root.resolve("proc"), root.resolve("cgroup")), Optional.of(Platform.AMD64),
                Duration.ZERO);
    }

    @Test
    void aNodesFiguresAreTheDaemonsRssSplitAndTheCgroupsUsageInMegabytes() throws Exception {
        var memory = recorder(new ScriptedDocker().answer("inspect node-a", 0, "17877"), "v1");

        memory.measure(MemoryState.JOINED, Map.of("node-a", "node-a"));

        assertThat(memory.figures()).extracting(Figure::name).containsExactly("memory.joined.rss.node-a",
                "memory.joined.rssAnon.node-a", "memory.joined.rssFile.node-a", "memory.joined.cgroup.node-a");
        assertThat(memory.figures()).extracting(Figure::value).containsExactly(33.353728, 33.345536, 0.008192,
                33.550336);
        assertThat(memory.figures()).allMatch(f -> f.unit().equals("MB"));
        assertThat(memory.figures().get(0).what()).startsWith("just joined the tailnet, idle: the daemon's VmRSS");
    }

    @Test
    void onlyTheEnginesOwnPlatformIsMeasuredLoggedOutAForeignOneGetsANote() throws Exception {
        var memory = recorder(new ScriptedDocker().answer("inspect daemon-amd64", 0, "4242"), "v2");

        memory.loggedOut(Platform.AMD64, "daemon-amd64");
        memory.loggedOut(Platform.ARM64, "daemon-arm64");
        memory.loggedOut(Platform.ARMV7, "daemon-armv7");

        assertThat(memory.figures()).extracting(Figure::name).contains("memory.loggedOut.rss.daemon")
                .noneMatch(n -> n.contains("arm"));
        assertThat(memory.notes()).singleElement().asString().contains("the emulator's, not the guest program's");
    }

    @Test
    void samplesWhileTheLoadRunsAndKeepsTheHighest() throws Exception {
        var memory = recorder(new ScriptedDocker().answer("inspect node-a", 0, "17877"), "v1");

        var result = memory.whileRunning(MemoryState.UNDER_LOAD, Map.of("node-a", "node-a"), () -> {
            Thread.sleep(350);
            return "sent";
        });

        assertThat(result).isEqualTo("sent");
        assertThat(memory.figures()).filteredOn(f -> f.name().equals("memory.underLoad.rss.node-a")).singleElement()
                .satisfies(f -> assertThat(f.what()).contains("highest of").contains("samples"));
    }

    @Test
    void theCliPeakCountsTheCliProcessesAndTheCgroup() throws Exception {
        var memory = recorder(new ScriptedDocker().answer("inspect node-a", 0, "17877"), "v1");

        memory.cliPeak("node-a", "node-a", () -> {
            Thread.sleep(50);
            return null;
        });

        assertThat(memory.figures()).extracting(Figure::name).containsExactly("memory.cliPeak.cliRss.node-a",
                "memory.cliPeak.containerRss.node-a", "memory.cliPeak.cgroup.node-a");
        assertThat(memory.figures().get(0).value()).isEqualTo(18944 * 1024 / 1e6);
        // the peak was reset before the call, so the cgroup figure is what the fixture's file then holds
        assertThat(memory.figures().get(2).value()).isZero();
        assertThat(memory.figures().get(2).what()).contains("reset just before the call");
    }

    @Test
    void aContainerThatDoesNotRunGivesANoteNotAFigure() throws Exception {
        var memory = recorder(new ScriptedDocker().answer("inspect node-a", 0, "0"), "v1");

        memory.measure(MemoryState.AFTER_CHURN, Map.of("node-a", "node-a"));

        assertThat(memory.figures()).isEmpty();
        assertThat(memory.notes()).singleElement().asString().contains("not running");
    }

    @Test
    void unreadableProcessesSayWhatTheFiguresNeedOnce() throws Exception {
        var memory = recorder(new ScriptedDocker().answer("inspect", 0, "31337"), "v1");

        memory.measure(MemoryState.JOINED, Map.of("node-a", "a", "node-b", "b"));

        assertThat(memory.figures()).isEmpty();
        assertThat(memory.notes()).singleElement().asString().startsWith("Memory not measured: cannot read /proc/31337")
                .contains("root");
    }
}
