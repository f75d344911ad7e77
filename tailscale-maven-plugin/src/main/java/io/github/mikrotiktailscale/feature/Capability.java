package io.github.mikrotiktailscale.feature;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a project's own source change can do in place of a feature the router otherwise needs.
 * A patch or an added file declares it ({@code <provides>}); a {@link RouterRequirement} that
 * names it is then met without the feature.
 */
public enum Capability {

    /** Answers MagicDNS on 100.100.100.100 with the daemon's own resolver, without netstack. */
    MAGICDNS("magicdns", "answers MagicDNS on 100.100.100.100 with the daemon's own resolver"),

    /** Injects raw packets into the TUN without netstack (no panic in tstun.invertGSOChecksum). */
    RAW_INJECT("raw-inject", "injects raw packets (TSMP pongs and rejects, replies to the node itself) without"
            + " netstack");

    private final String configName;
    private final String description;

    Capability(String configName, String description) {
        this.configName = configName;
        this.description = description;
    }

    public String configName() {
        return configName;
    }

    public String description() {
        return description;
    }

    public static Optional<Capability> of(String name) {
        return Arrays.stream(values()).filter(c -> c.configName.equals(name == null ? "" : name.trim())).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(Capability::configName).collect(Collectors.joining(", "));
    }
}
