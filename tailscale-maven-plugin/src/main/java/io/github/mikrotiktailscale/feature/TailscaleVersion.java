package io.github.mikrotiktailscale.feature;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Tailscale release: {@code v<major>.<minor>.<patch>}. Tailscale publishes stable releases on
 * even minor numbers and unstable ones on odd minor numbers; pre-release tags are not releases and
 * are not accepted.
 */
public record TailscaleVersion(int major, int minor, int patch) implements Comparable<TailscaleVersion> {

    private static final Pattern RELEASE = Pattern.compile("v?(0|[1-9]\\d{0,5})\\.(0|[1-9]\\d{0,5})\\.(0|[1-9]\\d{0,5})");

    private static final Comparator<TailscaleVersion> ORDER = Comparator.comparingInt(TailscaleVersion::major)
            .thenComparingInt(TailscaleVersion::minor)
            .thenComparingInt(TailscaleVersion::patch);

    /** Parses {@code v1.98.3} or {@code 1.98.3}; empty for anything else. */
    public static Optional<TailscaleVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var m = RELEASE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new TailscaleVersion(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    /** The git tag and Go module version, {@code v1.98.3}. */
    public String tag() {
        return "v" + major + "." + minor + "." + patch;
    }

    /** The minor line a feature catalogue is kept for, {@code 1.98}. */
    public String minorLine() {
        return major + "." + minor;
    }

    public boolean isStable() {
        return minor % 2 == 0;
    }

    @Override
    public int compareTo(TailscaleVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return tag();
    }
}
