package io.github.mikrotiktailscale.smoke;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A container's memory as its cgroup counts it: what all its processes use, including page cache
 * and kernel memory charged to it. cgroup v1 keeps {@code memory.usage_in_bytes} and
 * {@code memory.max_usage_in_bytes} under the memory controller's own hierarchy; v2 keeps
 * {@code memory.current} and (Linux 5.19 and later) {@code memory.peak} in the unified one.
 *
 * @param directory the cgroup's directory under the cgroup file system
 * @param peak the highest usage since the cgroup was made (or last reset), when the kernel keeps it
 */
public record CgroupMemory(Version version, Path directory, long current, OptionalLong peak) {

    public enum Version {
        V1("memory.usage_in_bytes", "memory.max_usage_in_bytes"),
        V2("memory.current", "memory.peak");

        final String currentFile;
        final String peakFile;

        Version(String currentFile, String peakFile) {
            this.currentFile = currentFile;
            this.peakFile = peakFile;
        }
    }

    /** Where a process's memory cgroup is and which version it is. */
    public record Location(Version version, Path directory) {}

    /**
     * Finds the memory cgroup of a process from its {@code /proc/<pid>/cgroup}: the v1 line that
     * names the memory controller when its directory exists (hybrid hosts also list a {@code 0::}
     * line for the unified tree, which then has no memory controller), else the v2 line.
     *
     * @param root where the cgroup file systems are mounted, {@code /sys/fs/cgroup}
     */
    public static Optional<Location> locate(String procCgroup, Path root) {
        String unified = null;
        for (var line : procCgroup.lines().toList()) {
            var parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            if (parts[0].equals("0") && parts[1].isEmpty()) {
                unified = parts[2];
            } else if (java.util.List.of(parts[1].split(",")).contains("memory")) {
                var directory = under(root.resolve("memory"), parts[2]);
                if (Files.isRegularFile(directory.resolve(Version.V1.currentFile))) {
                    return Optional.of(new Location(Version.V1, directory));
                }
            }
        }
        if (unified != null) {
            var directory = under(root, unified);
            if (Files.isRegularFile(directory.resolve(Version.V2.currentFile))) {
                return Optional.of(new Location(Version.V2, directory));
            }
        }
        return Optional.empty();
    }

    /** Reads the counters of a located cgroup. */
    public static CgroupMemory read(Location location) throws java.io.IOException {
        var current = number(location.directory().resolve(location.version().currentFile));
        var peakFile = location.directory().resolve(location.version().peakFile);
        var peak = Files.isRegularFile(peakFile) ? OptionalLong.of(number(peakFile)) : OptionalLong.empty();
        return new CgroupMemory(location.version(), location.directory(), current, peak);
    }

    private static long number(Path file) throws java.io.IOException {
        var text = Files.readString(file).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new java.io.IOException(file + " holds '" + text + "', not a number of bytes");
        }
    }

    private static Path under(Path root, String cgroupPath) {
        var relative = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        return relative.isEmpty() ? root : root.resolve(relative);
    }
}
