package io.github.mikrotiktailscale.gomodule;

import java.util.Optional;
import java.util.regex.Pattern;

/** A Go release, {@code 1.26.8}; a go.mod's {@code go 1.26} counts as {@code 1.26.0}. */
public record GoVersion(int major, int minor, int patch) implements Comparable<GoVersion> {

    private static final Pattern FORM = Pattern.compile("(?:go)?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-a-z].*)?");

    /** Reads {@code 1.26.8}, {@code go1.27.3} or {@code 1.26}; empty for anything else. */
    public static Optional<GoVersion> parse(String text) {
        var m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new GoVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    }

    public boolean satisfies(GoVersion required) {
        return compareTo(required) >= 0;
    }

    @Override
    public int compareTo(GoVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
