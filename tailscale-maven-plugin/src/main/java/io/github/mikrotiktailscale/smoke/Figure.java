package io.github.mikrotiktailscale.smoke;

/**
 * A measured figure for the report.
 *
 * @param name stable key ({@code joinSeconds.nodeA})
 * @param unit {@code s}, {@code ms}, {@code lines/min}, {@code bytes/min}, ...
 * @param what one line saying what was measured
 */
public record Figure(String name, double value, String unit, String what) {

    /** The value with at most the digits that mean something. */
    public String formatted() {
        var magnitude = Math.abs(value);
        String number;
        if (value == Math.rint(value) && magnitude < 1e15) {
            number = String.valueOf((long) value);
        } else if (magnitude >= 100) {
            number = String.format(java.util.Locale.ROOT, "%.0f", value);
        } else if (magnitude >= 10) {
            number = String.format(java.util.Locale.ROOT, "%.1f", value);
        } else {
            number = String.format(java.util.Locale.ROOT, "%.2f", value);
        }
        return number + " " + unit;
    }
}
