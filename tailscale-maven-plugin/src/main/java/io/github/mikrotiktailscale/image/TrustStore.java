package io.github.mikrotiktailscale.image;

import java.util.Optional;

/** Which root certificates the daemon trusts when it dials the control server and DERP. */
public enum TrustStore implements ConfigName {
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

    @Override
    public String configName() {
        return configName;
    }

    public static Optional<TrustStore> find(String name) {
        return ConfigName.find(TrustStore.class, name);
    }

    public static String names() {
        return ConfigName.names(TrustStore.class);
    }
}
