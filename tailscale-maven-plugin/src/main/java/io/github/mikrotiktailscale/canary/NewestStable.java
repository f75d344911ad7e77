package io.github.mikrotiktailscale.canary;

import io.github.mikrotiktailscale.feature.TailscaleVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The newest stable Tailscale release among the versions a module proxy lists. */
public final class NewestStable {

    private NewestStable() {}

    /**
     * Releases only: {@code vMAJOR.MINOR.PATCH} with an even minor. Pre-releases
     * ({@code v1.103.0-pre}, pseudo-versions) and unstable odd minors never count.
     */
    public static Optional<TailscaleVersion> among(List<String> versions) {
        return versions.stream()
                .filter(v -> v.trim().matches("v\\d+\\.\\d+\\.\\d+"))
                .map(TailscaleVersion::parse)
                .flatMap(Optional::stream)
                .filter(TailscaleVersion::isStable)
                .max(Comparator.naturalOrder());
    }
}
