package io.github.mikrotiktailscale.build;

import java.util.Locale;

/** Byte counts as people read them: decimal kB and MB, as the sizes in the docs are given. */
public final class Sizes {

    private Sizes() {}

    public static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }
}
