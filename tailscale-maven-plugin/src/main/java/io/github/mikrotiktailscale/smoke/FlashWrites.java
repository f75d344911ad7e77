package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.smoke.HarnessOutput.Change;
import io.github.mikrotiktailscale.smoke.HarnessOutput.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the daemon wrote to its persistent volume: the router's flash. The promise is that only the
 * state file is ever rewritten while the node runs. tailscaled writes files whole, through a
 * temporary file beside them ({@code tailscaled.state.tmp123}) renamed over them, so a temporary
 * name counts as the file it becomes.
 *
 * @param writes the files closed after writing in the window, each with how often and how many bytes
 * @param unexpected files other than the state file changed in the window
 * @param beforeWindow files written before the window (at the first login), for the report
 * @param presentAtEnd every file in the volume when the window closed
 */
public record FlashWrites(Duration window, TreeMap<String, Written> writes, Set<String> unexpected,
        Set<String> beforeWindow, List<Entry> presentAtEnd) {

    /** How often a file was written and how many bytes that was (its size at each close). */
    public record Written(int times, long bytes) {}

    /** Sorts the watcher's changes into the window and around it. */
    public static FlashWrites assess(String stateFile, Instant from, Instant to, List<Change> changes,
            List<Entry> atEnd) {
        var writes = new TreeMap<String, Written>();
        var unexpected = new TreeSet<String>();
        var before = new TreeSet<String>();
        for (var change : changes) {
            var name = target(change.path());
            if (change.time().isBefore(from)) {
                if (isWrite(change)) {
                    before.add(name);
                }
                continue;
            }
            if (change.time().isAfter(to)) {
                continue;
            }
            if (!name.equals(stateFile) && !change.op().equals("delete") && !change.op().equals("moved-from")) {
                unexpected.add(name);
            }
            if (change.op().equals("close-write")) {
                var sofar = writes.getOrDefault(name, new Written(0, 0));
                writes.put(name, new Written(sofar.times() + 1, sofar.bytes() + Math.max(0, change.size())));
            }
        }
        return new FlashWrites(Duration.between(from, to), writes, unexpected, before,
                atEnd.stream().filter(e -> !e.directory()).toList());
    }

    private static boolean isWrite(Change change) {
        return change.op().equals("close-write") || change.op().equals("moved-to") || change.op().equals("create");
    }

    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile("\\.tmp\\d+$");

    /** The file a temporary name becomes ({@code x.tmp123} is written as {@code x}). */
    static String target(String path) {
        return TEMPORARY.matcher(path).replaceFirst("");
    }

    public boolean passed() {
        return unexpected.isEmpty();
    }

    public long bytes() {
        return writes.values().stream().mapToLong(Written::bytes).sum();
    }

    public int fileWrites() {
        return writes.values().stream().mapToInt(Written::times).sum();
    }

    public double bytesPerMinute() {
        double minutes = window.toMillis() / 60_000.0;
        return minutes <= 0 ? 0 : bytes() / minutes;
    }

    /** Files in the volume at the end besides the state file, with their sizes. */
    public List<String> otherFiles(String stateFile) {
        var others = new ArrayList<String>();
        for (var entry : presentAtEnd) {
            if (!entry.path().equals(stateFile)) {
                others.add(entry.path() + " (" + entry.size() + " bytes)");
            }
        }
        return others;
    }

    public String describe(String stateFile) {
        var text = new StringBuilder();
        long seconds = window.toSeconds();
        if (writes.isEmpty()) {
            text.append("nothing written in ").append(seconds).append(" s");
        } else {
            text.append(fileWrites()).append(" writes, ").append(bytes()).append(" bytes in ").append(seconds)
                    .append(" s (");
            writes.forEach((file, w) -> text.append(file).append(": ").append(w.times()).append("x, ")
                    .append(w.bytes()).append(" bytes; "));
            text.setLength(text.length() - 2);
            text.append(')');
        }
        if (!unexpected.isEmpty()) {
            text.append("; besides ").append(stateFile).append(": ").append(String.join(", ", unexpected));
        }
        return text.toString();
    }
}
