package io.github.mikrotiktailscale.smoke;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a container's memory from the host: every process of its cgroup from
 * {@code /proc/<pid>/status}, and the cgroup's own counters. Needs the engine on this machine and
 * the right to read its processes' status (root, or the same user); the caller says so when not.
 * The roots are parameters so that tests read fixture trees.
 */
public final class MemoryProbe {

    /** The daemon's {@code comm}: the argv[0] link the entrypoint starts it by. */
    static final String DAEMON = "tailscaled";
    /** The CLI's {@code comm}: every call unpacks its own copy of the binary. */
    static final String CLI = "tailscale";

    private final Path proc;
    private final Path cgroupRoot;

    public MemoryProbe(Path proc, Path cgroupRoot) {
        this.proc = proc;
        this.cgroupRoot = cgroupRoot;
    }

    public static MemoryProbe host() {
        return new MemoryProbe(Path.of("/proc"), Path.of("/sys/fs/cgroup"));
    }

    /** What a container uses now, found through its first process (the host's pid, {@code .State.Pid}). */
    public MemoryReading read(int containerPid) throws IOException {
        var location = CgroupMemory.locate(Files.readString(proc.resolve(containerPid + "/cgroup")), cgroupRoot);
        var pids = new ArrayList<Integer>();
        if (location.isPresent() && Files.isRegularFile(location.get().directory().resolve("cgroup.procs"))) {
            Files.readAllLines(location.get().directory().resolve("cgroup.procs")).stream().map(String::strip)
                    .filter(s -> s.matches("\\d+")).map(Integer::valueOf).forEach(pids::add);
        }
        if (pids.isEmpty()) {
            pids.add(containerPid);
        }
        var processes = new ArrayList<ProcessMemory>();
        for (int pid : pids) {
            process(pid).ifPresent(processes::add);
        }
        var cgroup = location.isPresent() ? Optional.of(CgroupMemory.read(location.get())) : Optional.<CgroupMemory>empty();
        return new MemoryReading(List.copyOf(processes), cgroup);
    }

    /**
     * Starts the cgroup's peak afresh, so that the next reading's peak is what happened since. cgroup
     * v1 allows it (writing 0); v2 resets {@code memory.peak} only per open file (Linux 6.12), which a
     * later reading cannot see.
     *
     * @return whether the peak was reset
     */
    public boolean resetPeak(int containerPid) {
        try {
            var location = CgroupMemory.locate(Files.readString(proc.resolve(containerPid + "/cgroup")), cgroupRoot);
            if (location.isEmpty() || location.get().version() != CgroupMemory.Version.V1) {
                return false;
            }
            Files.writeString(location.get().directory().resolve(CgroupMemory.Version.V1.peakFile), "0");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A process that has gone by the time it is read (a finished CLI call) is skipped. */
    private Optional<ProcessMemory> process(int pid) {
        try {
            var command = Files.readString(proc.resolve(pid + "/comm"));
            return Optional.of(ProcessMemory.parse(pid, command, Files.readString(proc.resolve(pid + "/status"))));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
