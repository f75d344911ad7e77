package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.feature.TailscaleVersion;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A release of the image: {@code v<tailscale>-mt.<N>}. The Tailscale part says what is inside; the
 * revision starts at 1 for each Tailscale version and only grows on a deliberate fix.
 */
public record ReleaseVersion(TailscaleVersion tailscale, int revision) implements Comparable<ReleaseVersion> {

    private static final Pattern TAG = Pattern.compile("(v\\d+\\.\\d+\\.\\d+)-mt\\.([1-9]\\d{0,5})");

    private static final Comparator<ReleaseVersion> ORDER =
            Comparator.comparing(ReleaseVersion::tailscale).thenComparingInt(ReleaseVersion::revision);

    public ReleaseVersion {
        if (revision < 1) {
            throw new IllegalArgumentException("revisions start at 1");
        }
    }

    public static ReleaseVersion first(TailscaleVersion tailscale) {
        return new ReleaseVersion(tailscale, 1);
    }

    /** Parses {@code v1.98.3-mt.2}; empty for anything else. */
    public static Optional<ReleaseVersion> parse(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        var m = TAG.matcher(tag.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return TailscaleVersion.parse(m.group(1)).map(ts -> new ReleaseVersion(ts, Integer.parseInt(m.group(2))));
    }

    public ReleaseVersion next() {
        return new ReleaseVersion(tailscale, revision + 1);
    }

    /** The git tag and image tag: {@code v1.98.3-mt.2}. */
    public String tag() {
        return tailscale.tag() + "-mt." + revision;
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return tag();
    }
}
