package io.github.mikrotiktailscale.build;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Follows BuildKit's own {@code --progress=plain} stream ({@code #12 [tailscale 5/9] RUN …},
 * {@code #12 41.3 output}, {@code #12 DONE 98.1s}): which step runs now and since when, for the
 * status line of a long build.
 */
final class BuildKitSteps {

    private static final Pattern LINE = Pattern.compile("^#(\\d+) (.*)$");
    private static final Pattern OUTPUT = Pattern.compile("^\\d+\\.\\d+ .*");
    private static final Pattern END = Pattern.compile("^(DONE|CACHED|ERROR|CANCELED)\\b.*");
    private static final Pattern MOUNT = Pattern.compile("--mount=\\S+\\s*");
    private static final int LONGEST_NAME = 90;

    private record Step(String name, long startedNanos) {}

    private final Map<String, Step> running = new LinkedHashMap<>();
    private String latest;

    /** Takes one line of buildx output seen at {@code nanos} ({@link System#nanoTime()}). */
    synchronized void accept(String line, long nanos) {
        var matcher = LINE.matcher(line.strip());
        if (!matcher.matches()) {
            return;
        }
        var id = matcher.group(1);
        var rest = matcher.group(2);
        if (id.equals("0")) {
            return; // buildx's own header ("#0 building with "default" instance"), no step of the build
        }
        if (END.matcher(rest).matches()) {
            running.remove(id);
            if (id.equals(latest)) {
                latest = running.isEmpty() ? null : running.keySet().stream().reduce((a, b) -> b).orElse(null);
            }
            return;
        }
        if (!running.containsKey(id) && !OUTPUT.matcher(rest).matches()) {
            running.put(id, new Step(shorten(rest), nanos));
        }
        if (running.containsKey(id)) {
            latest = id;
        }
    }

    /** The step that printed last and has not finished, with how long it has run: {@code #12 [tailscale 5/9] RUN go build (1m50s)}. */
    synchronized Optional<String> current(long nanos) {
        if (latest == null) {
            return Optional.empty();
        }
        var step = running.get(latest);
        return Optional.of("#" + latest + " " + step.name() + " (" + duration(nanos - step.startedNanos()) + ")");
    }

    static String duration(long nanos) {
        long seconds = Math.max(0, nanos / 1_000_000_000L);
        return seconds < 60 ? seconds + "s" : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }

    private static String shorten(String step) {
        // RUN --mount=type=cache,… options say nothing about what runs
        var name = MOUNT.matcher(step).replaceAll("").replaceAll("\\s+", " ");
        return name.length() <= LONGEST_NAME ? name : name.substring(0, LONGEST_NAME - 1) + "…";
    }
}
