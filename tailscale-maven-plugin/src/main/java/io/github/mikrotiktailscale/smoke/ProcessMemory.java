package io.github.mikrotiktailscale.smoke;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One process's resident memory as the kernel reports it in {@code /proc/<pid>/status}. A
 * UPX-packed binary unpacks itself into anonymous memory, which cannot be dropped or paged back
 * in from the file: {@link #rssAnon()} is what pins RAM, {@link #rssFile()} page cache the kernel
 * may reclaim.
 *
 * @param pid the process id as the host sees it
 * @param command its {@code comm}: {@code tailscaled}, {@code tailscale}, {@code entrypoint.sh}
 * @param peakRss the highest RSS since the process started ({@code VmHWM})
 */
public record ProcessMemory(int pid, String command, long rss, long rssAnon, long rssFile, long peakRss) {

    private static final Pattern FIELD = Pattern.compile("(?m)^(\\w+):\\s+(\\d+) kB$");

    /**
     * Reads the fields of a status file.
     *
     * @throws IllegalArgumentException when the text has no VmRSS (a kernel thread, a zombie, or no status file)
     */
    public static ProcessMemory parse(int pid, String command, String status) {
        var rss = field(status, "VmRSS");
        if (rss.isEmpty()) {
            throw new IllegalArgumentException("no VmRSS in the status of process " + pid + " (" + command + ")");
        }
        // RssAnon and RssFile came with Linux 4.5; before that only the sum is known
        return new ProcessMemory(pid, command.strip(), rss.getAsLong(), field(status, "RssAnon").orElse(rss.getAsLong()),
                field(status, "RssFile").orElse(0), field(status, "VmHWM").orElse(rss.getAsLong()));
    }

    private static OptionalLong field(String status, String name) {
        var matcher = FIELD.matcher(status);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return OptionalLong.of(Long.parseLong(matcher.group(2)) * 1024);
            }
        }
        return OptionalLong.empty();
    }

    /** {@code tailscaled (pid 4711): RSS 18.52 MB, 18.51 MB anonymous}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (pid %d): RSS %.2f MB, %.2f MB anonymous", command, pid, rss / 1e6,
                rssAnon / 1e6);
    }
}
