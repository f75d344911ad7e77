package io.github.mikrotiktailscale.archive;

import java.util.Map;
import java.util.Optional;

/**
 * The most a platform's image may store, compared with {@link ImageSize#storedBytes()} (the
 * extracted rootfs plus anything a layer stores again: what the router keeps).
 *
 * @param origin where the limit came from, for the report ({@code default}, a parameter name)
 */
public record SizeBudget(String platform, long limitBytes, String origin) {

    /**
     * Just above the original project's published sizes for its default selection with netstack
     * (arm64 ~3.9 MB extracted); amd64 binaries are larger. armv5 as armv7: the same 32-bit ARM
     * code, with software floating point instead of VFP.
     */
    public static final Map<String, Long> DEFAULTS = Map.of(
            "arm64", 4_000_000L,
            "armv7", 4_000_000L,
            "armv5", 4_000_000L,
            "amd64", 4_600_000L);

    public static final String DEFAULT_ORIGIN = "default";

    public static Optional<SizeBudget> defaultFor(String platform) {
        return Optional.ofNullable(DEFAULTS.get(platform)).map(limit -> new SizeBudget(platform, limit, DEFAULT_ORIGIN));
    }

    public boolean allows(long bytes) {
        return bytes <= limitBytes;
    }
}
