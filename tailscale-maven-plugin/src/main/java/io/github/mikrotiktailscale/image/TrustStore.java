package io.github.mikrotiktailscale.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Which root certificates the daemon trusts when it dials the control server and DERP. */
public enum TrustStore {
    /** The builder's CA bundle at {@code /etc/ssl/certs/ca-certificates.crt}: any public CA works. */
    SYSTEM("system"),
    /**
     * No bundle; Tailscale's {@code bakedroots} feature embeds the Let's Encrypt roots (ISRG X1, X2).
     * Enough for Tailscale's own servers, about 200 kB smaller; a control server with a certificate
     * from another CA then fails to connect.
     */
    BAKED_ROOTS("bakedroots");

    private final String configName;

    TrustStore(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<TrustStore> find(String name) {
        var wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.configName.equals(wanted)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(TrustStore::configName).collect(Collectors.joining(", "));
    }
}
