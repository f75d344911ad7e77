package io.github.mikrotiktailscale.docker;

/** The engine's own account of itself, from {@code GET /version}. */
public record EngineVersion(String version, String apiVersion, String minApiVersion, String os, String architecture) {

    /** Docker Engine 20.10 speaks API 1.41: the oldest engine this plugin is tested with. */
    public static final String OLDEST_API = "1.41";

    public boolean olderThanSupported() {
        return compareApi(apiVersion, OLDEST_API) < 0;
    }

    /** Compares API versions such as {@code 1.41} and {@code 1.9} numerically. */
    public static int compareApi(String a, String b) {
        var x = a.split("\\.");
        var y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int left = i < x.length ? parse(x[i]) : 0;
            int right = i < y.length ? parse(y[i]) : 0;
            if (left != right) {
                return Integer.compare(left, right);
            }
        }
        return 0;
    }

    private static int parse(String part) {
        try {
            return Integer.parseInt(part.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
