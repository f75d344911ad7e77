package io.github.mikrotiktailscale.archive;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sizes as people write them: {@code 4194304}, {@code 3900kB}, {@code 4.0MB} (decimal, as the
 * published image sizes are given) or {@code 4MiB} (binary); and back to decimal kB and MB.
 */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("kb", 1_000L), Map.entry("k", 1_000L),
            Map.entry("mb", 1_000_000L), Map.entry("m", 1_000_000L),
            Map.entry("gb", 1_000_000_000L), Map.entry("g", 1_000_000_000L),
            Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30));

    /** What {@link #parse} accepts, for error messages. */
    public static final String FORMS = "bytes (4194304), or a number with kB, MB, GB (1000-based: 3900kB, 4.0MB)"
            + " or KiB, MiB, GiB (1024-based: 4MiB)";

    private ByteSize() {}

    /** The size in bytes, or empty when the text is no size. */
    public static Optional<Long> parse(String text) {
        var matcher = SIZE.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        var unit = UNITS.get(matcher.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            return Optional.empty();
        }
        var bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit));
        try {
            return Optional.of(bytes.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** {@code 812 B}, {@code 213.4 kB}, {@code 3.47 MB}. */
    public static String format(long bytes) {
        long abs = Math.abs(bytes);
        var sign = bytes < 0 ? "-" : "";
        if (abs < 1000) {
            return sign + abs + " B";
        }
        if (abs < 999_950) { // 999,950 would round to "1000.0 kB"
            return sign + String.format(Locale.ROOT, "%.1f kB", abs / 1e3);
        }
        return sign + String.format(Locale.ROOT, "%.2f MB", abs / 1e6);
    }

    /** A change: {@code +12.3 kB}, {@code -1.20 MB}, {@code +0 B}. */
    public static String formatChange(long delta) {
        return delta == 0 ? "+0 B" : (delta > 0 ? "+" : "") + format(delta);
    }
}
