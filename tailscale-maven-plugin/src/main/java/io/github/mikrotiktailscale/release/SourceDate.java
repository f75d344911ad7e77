package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import java.time.Instant;
import java.util.Optional;

/**
 * The one time a published image carries ({@code SOURCE_DATE_EPOCH}): every file's modification
 * time and every date in the image config. Taken from the release commit, so two builds of one
 * commit, on any machine and at any time, publish the same bytes.
 *
 * @param epochSeconds seconds since 1970-01-01 UTC
 * @param origin where it came from, for the log ("commit 1a2b3c4d5e6f", "tailscale.sourceDateEpoch")
 */
public record SourceDate(long epochSeconds, String origin) {

    /** Outside a git work tree, without an explicit value: 1970-01-01, which is at least the same everywhere. */
    public static final SourceDate UNKNOWN = new SourceDate(0, "no git commit: 1970-01-01");

    public SourceDate {
        if (epochSeconds < 0) {
            throw new IllegalArgumentException("SOURCE_DATE_EPOCH must not be negative: " + epochSeconds);
        }
    }

    /**
     * @param explicit the value asked for (seconds), or blank for the commit's
     * @param commit the release commit's time, empty outside git
     */
    public static SourceDate resolve(String explicit, Optional<SourceDate> commit) throws ConfigurationException {
        if (explicit != null && !explicit.isBlank()) {
            var value = explicit.trim();
            if (!value.matches("[0-9]{1,12}")) {
                throw new ConfigurationException(new Problem("sourceDateEpoch", "'" + value
                        + "' is not a SOURCE_DATE_EPOCH: it must be whole seconds since 1970-01-01 UTC.",
                        "Leave it unset to take the commit's time, or give one such as $(git log -1 --format=%ct)."));
            }
            return new SourceDate(Long.parseLong(value), "tailscale.sourceDateEpoch");
        }
        return commit.orElse(UNKNOWN);
    }

    public Instant instant() {
        return Instant.ofEpochSecond(epochSeconds);
    }

    /** As image configs write dates: {@code 2026-11-29T20:00:00Z}. */
    public String iso() {
        return instant().toString();
    }

    @Override
    public String toString() {
        return epochSeconds + " (" + iso() + ", " + origin + ")";
    }
}
