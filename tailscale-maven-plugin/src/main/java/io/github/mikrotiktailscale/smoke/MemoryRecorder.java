package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the nodes' memory at the smoke run's states and keeps the figures: per node and state the
 * daemon's RSS with its anonymous and file-backed parts, and the container's cgroup usage
 * ({@code memory.<state>.<value>.<node>}, in MB). Where memory cannot be read (an engine on
 * another machine, no right to read its processes) the figures are missing and a note says why.
 */
final class MemoryRecorder {

    /** How often a node is read while traffic flows, and while a CLI call runs (it lasts well under a second). */
    private static final Duration LOAD_INTERVAL = Duration.ofMillis(100);
    private static final Duration CLI_INTERVAL = Duration.ofMillis(5);
    private static final String PREFIX = "memory.";

    private final DockerCli docker;
    private final MemoryProbe probe;
    private final Optional<Platform> nativePlatform;
    private final Duration settle;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean unreadable;

    MemoryRecorder(DockerCli docker, MemoryProbe probe, Optional<Platform> nativePlatform) {
        this(docker, probe, nativePlatform, Duration.ofSeconds(3));
    }

    /** @param settle how long a daemon that just reached NeedsLogin is left before it is read */
    MemoryRecorder(DockerCli docker, MemoryProbe probe, Optional<Platform> nativePlatform, Duration settle) {
        this.docker = docker;
        this.probe = probe;
        this.nativePlatform = nativePlatform;
        this.settle = settle;
    }

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    /** Adds a figure measured beside the memory (the throughput under load). */
    void figure(Figure figure) {
        figures.add(figure);
    }

    /** The per-platform daemon check's container, idle and logged out: only on the engine's own platform. */
    void loggedOut(Platform platform, String container) throws EnvironmentException, InterruptedException {
        if (nativePlatform.isPresent() && platform == nativePlatform.get()) {
            Thread.sleep(settle.toMillis()); // past the start-up's first allocations
            measure(MemoryState.LOGGED_OUT, Map.of("daemon", container));
        } else if (notes.stream().noneMatch(n -> n.startsWith("Memory of foreign platforms"))) {
            notes.add("Memory of foreign platforms is not measured: under QEMU user emulation the process's RSS is"
                    + " the emulator's, not the guest program's. An ARM daemon holds its own unpacked binary (UPX"
                    + " unpacks all of it into anonymous memory) plus a heap like the native one's; docs/DESIGN.md"
                    + " derives the figures from the unpacked sizes.");
        }
    }

    /** One reading of each node (name to container) now. */
    void measure(MemoryState state, Map<String, String> nodes) throws EnvironmentException, InterruptedException {
        for (var node : nodes.entrySet()) {
            read(node.getValue()).ifPresent(reading -> record(state, node.getKey(), List.of(reading)));
        }
    }

    /** The action that makes the load; meanwhile the nodes are read again and again, and the highest kept. */
    interface Load<T> {
        T run() throws EnvironmentException, InterruptedException;
    }

    <T> T whileRunning(MemoryState state, Map<String, String> nodes, Load<T> load)
            throws EnvironmentException, InterruptedException {
        var sampler = sampler(nodes, LOAD_INTERVAL);
        try {
            return load.run();
        } finally {
            MemorySampler.readings(sampler.stop()).forEach((node, readings) -> record(state, node, readings));
        }
    }

    /**
     * The container's highest memory while the CLI runs once: a second process with its own unpacked
     * binary. The cgroup's peak is reset first where the kernel allows (v1), else the samples decide.
     */
    void cliPeak(String node, String container, Load<?> cli) throws EnvironmentException, InterruptedException {
        int pid = pid(container).orElse(-1);
        if (pid < 0) {
            return;
        }
        boolean reset = probe.resetPeak(pid);
        var sampler = sampler(Map.of(node, container), CLI_INTERVAL);
        List<MemoryReading> readings;
        try {
            cli.run();
        } finally {
            readings = MemorySampler.readings(sampler.stop()).getOrDefault(node, List.of());
        }
        long cliRss = readings.stream().mapToLong(MemoryReading::cliRss).max().orElse(0);
        long total = readings.stream().mapToLong(MemoryReading::totalRss).max().orElse(0);
        long sampledCgroup = readings.stream().flatMap(r -> r.cgroup().stream()).mapToLong(CgroupMemory::current).max()
                .orElse(0);
        var after = read(container);
        long cgroup = reset ? after.flatMap(MemoryReading::cgroup).flatMap(c -> c.peak().isPresent()
                ? Optional.of(c.peak().getAsLong()) : Optional.empty()).orElse(sampledCgroup) : sampledCgroup;
        var state = MemoryState.CLI_PEAK;
        add(state, "cliRss", node, cliRss, "the CLI processes' RSS, highest sample (every "
                + CLI_INTERVAL.toMillis() + " ms)");
        add(state, "containerRss", node, total, "all the container's processes together, highest sample");
        add(state, "cgroup", node, cgroup, reset ? "the cgroup's peak, reset just before the call"
                : "the cgroup's usage, highest sample");
    }

    /** The highest the daemon and the container reached since they started. Call before {@link #cliPeak}. */
    void runPeak(Map<String, String> nodes) throws EnvironmentException, InterruptedException {
        for (var node : nodes.entrySet()) {
            var reading = read(node.getValue());
            if (reading.isEmpty()) {
                continue;
            }
            reading.get().daemon().ifPresent(d -> add(MemoryState.RUN_PEAK, "rss", node.getKey(), d.peakRss(),
                    "the daemon's VmHWM"));
            reading.get().cgroup().flatMap(c -> c.peak().isPresent() ? Optional.of(c.peak().getAsLong())
                    : Optional.empty()).ifPresent(peak -> add(MemoryState.RUN_PEAK, "cgroup", node.getKey(), peak,
                    "the container's cgroup peak (CLI calls of the entrypoint and the checks included)"));
        }
    }

    private void record(MemoryState state, String node, List<MemoryReading> readings) {
        var daemons = readings.stream().flatMap(r -> r.daemon().stream()).toList();
        if (daemons.isEmpty()) {
            if (!readings.isEmpty()) {
                notes.add("No tailscaled process in " + node + "'s container when its memory was read ("
                        + state.key() + ").");
            }
            return;
        }
        var highest = readings.size() > 1 ? "highest of " + readings.size() + " samples; " : "";
        add(state, "rss", node, daemons.stream().mapToLong(ProcessMemory::rss).max().orElseThrow(),
                highest + "the daemon's VmRSS");
        add(state, "rssAnon", node, daemons.stream().mapToLong(ProcessMemory::rssAnon).max().orElseThrow(),
                highest + "the daemon's anonymous RSS (the unpacked binary and the heap)");
        add(state, "rssFile", node, daemons.stream().mapToLong(ProcessMemory::rssFile).max().orElseThrow(),
                highest + "the daemon's file-backed RSS (page cache)");
        readings.stream().flatMap(r -> r.cgroup().stream()).mapToLong(CgroupMemory::current).max()
                .ifPresent(current -> add(state, "cgroup", node, current, highest + "the container's cgroup usage"));
    }

    private void add(MemoryState state, String value, String node, long bytes, String what) {
        figures.add(new Figure(PREFIX + state.key() + "." + value + "." + node, bytes / 1e6, "MB",
                state.what() + ": " + what));
    }

    /** Reads the nodes in the background until stopped. */
    private MemorySampler sampler(Map<String, String> nodes, Duration interval) throws EnvironmentException,
            InterruptedException {
        var pids = new LinkedHashMap<String, Integer>();
        for (var node : nodes.entrySet()) {
            pid(node.getValue()).ifPresent(pid -> pids.put(node.getKey(), pid));
        }
        return MemorySampler.start(probe, pids, interval, "memory-sampler");
    }

    private Optional<MemoryReading> read(String container) throws EnvironmentException, InterruptedException {
        var pid = pid(container);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(probe.read(pid.get()));
        } catch (IOException e) {
            unreadable("cannot read /proc/" + pid.get() + " (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private Optional<Integer> pid(String container) throws EnvironmentException, InterruptedException {
        var text = docker.run("inspect", "-f", "{{.State.Pid}}", container).text().strip();
        if (!text.matches("[1-9]\\d*")) {
            notes.add("Memory of " + container + " not read: it is not running (pid '" + text + "').");
            return Optional.empty();
        }
        return Optional.of(Integer.valueOf(text));
    }

    private void unreadable(String why) {
        if (!unreadable) {
            unreadable = true;
            notes.add("Memory not measured: " + why + ". The figures need the Docker engine on this machine and the"
                    + " right to read its processes' /proc entries and the cgroup file system (root).");
        }
    }
}
