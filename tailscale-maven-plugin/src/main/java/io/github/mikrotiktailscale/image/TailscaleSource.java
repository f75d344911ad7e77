package io.github.mikrotiktailscale.image;

import java.util.Optional;

/** Where the builder stage gets Tailscale's source from. */
public enum TailscaleSource implements ConfigName {
    /**
     * {@code go mod download tailscale.com@<version>} through GOPROXY: checked against the Go
     * checksum database, cached by every Go module proxy and mirror.
     */
    GOPROXY("goproxy"),
    /** A shallow clone of the release tag from Tailscale's git repository. */
    GIT("git");

    private final String configName;

    TailscaleSource(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }

    public static Optional<TailscaleSource> find(String name) {
        return ConfigName.find(TailscaleSource.class, name);
    }

    public static String names() {
        return ConfigName.names(TailscaleSource.class);
    }
}
