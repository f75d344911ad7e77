package io.github.mikrotiktailscale.smoke;

import java.util.List;
import java.util.Optional;

/**
 * A container's memory at one moment.
 *
 * @param processes every process of the container that could be read
 * @param cgroup the container's cgroup counters, when its cgroup was found
 */
public record MemoryReading(List<ProcessMemory> processes, Optional<CgroupMemory> cgroup) {

    /** The daemon; the largest one should a second ever run. */
    public Optional<ProcessMemory> daemon() {
        return processes.stream().filter(p -> p.command().equals(MemoryProbe.DAEMON))
                .max(java.util.Comparator.comparingLong(ProcessMemory::rss));
    }

    /** What the CLI calls running at this moment hold together. */
    public long cliRss() {
        return processes.stream().filter(p -> p.command().equals(MemoryProbe.CLI)).mapToLong(ProcessMemory::rss).sum();
    }

    /** What all the container's processes hold together. */
    public long totalRss() {
        return processes.stream().mapToLong(ProcessMemory::rss).sum();
    }
}
