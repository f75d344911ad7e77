package io.github.mikrotiktailscale.process;

import java.time.Duration;

/**
 * How long a program may run before it is stopped: a fixed time in all ({@link #total}) for
 * programs that should answer quickly (git, credential helpers), or a time without any output
 * ({@link #silence}) for builds, which may legitimately run for hours while they report progress.
 */
public record ProcessLimit(Duration duration, boolean silence) {

    public ProcessLimit {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a process limit must be positive: " + duration);
        }
    }

    public static ProcessLimit total(Duration duration) {
        return new ProcessLimit(duration, false);
    }

    public static ProcessLimit silence(Duration duration) {
        return new ProcessLimit(duration, true);
    }

    /** For the message: "did not finish within 2 min", "printed nothing for 2 h". */
    public String describe() {
        return (silence ? "printed nothing for " : "did not finish within ") + human(duration);
    }

    /** {@code 2 h}, {@code 3 min}, {@code 30 s}, {@code 250 ms}. */
    public static String human(Duration d) {
        if (d.toHours() > 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
            return d.toHours() + " h";
        }
        if (d.toMinutes() > 0 && d.toSecondsPart() == 0) {
            return d.toMinutes() + " min";
        }
        if (d.toSeconds() > 0 && d.toMillisPart() == 0) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }
}
