package io.github.mikrotiktailscale.smoke;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How much a container logs: on RouterOS every line lands in the router's log. Verbose lines
 * ({@code [v1]}, {@code [v2]}, {@code [v\0JSON]1}) should never reach it at the default verbosity:
 * logtail drops them, and without logtail the image needs a filter that does the same.
 *
 * @param verboseSamples up to three verbose lines, as evidence
 */
public record LogNoise(String container, Duration window, int lines, int verboseLines, List<String> verboseSamples) {

    private static final Pattern VERBOSE = Pattern.compile("\\[v[12]\\] |\\[v(\\x00|\\\\x00| )JSON\\][0-9]");

    public static LogNoise count(String container, Duration window, List<String> lines) {
        var verbose = lines.stream().filter(LogNoise::isVerbose).toList();
        return new LogNoise(container, window, lines.size(), verbose.size(), verbose.stream().limit(3).toList());
    }

    static boolean isVerbose(String line) {
        return VERBOSE.matcher(line).find() && !line.contains("[RATELIMIT]");
    }

    public double linesPerMinute() {
        double minutes = window.toMillis() / 60_000.0;
        return minutes <= 0 ? 0 : lines / minutes;
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s: %d lines in %d s (%.1f a minute), %d verbose", container, lines,
                window.toSeconds(), linesPerMinute(), verboseLines);
    }
}
