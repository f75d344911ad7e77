package io.github.mikrotiktailscale.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where the builder stage gets Tailscale's source from. */
public enum TailscaleSource {
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

    public String configName() {
        return configName;
    }

    public static Optional<TailscaleSource> find(String name) {
        var wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.configName.equals(wanted)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(TailscaleSource::configName).collect(Collectors.joining(", "));
    }
}
