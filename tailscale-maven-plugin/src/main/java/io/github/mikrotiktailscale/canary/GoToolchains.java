package io.github.mikrotiktailscale.canary;

import io.github.mikrotiktailscale.gomodule.GoVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The Go the builder has and the Go releases that can be had on the build machines. These are
 * not every release the proxy lists: a machine may be allowed only some of them (ours: 1.26.8
 * and, of 1.27, only 1.27.3), so they are configured, not discovered.
 *
 * @param builderSource where {@code builder} was read: the builder image's GOLANG_VERSION, its tag, or go.version
 */
public record GoToolchains(Optional<GoVersion> builder, String builderSource, List<GoVersion> obtainable) {

    public GoToolchains {
        obtainable = obtainable.stream().sorted().distinct().toList();
    }

    /** What the bump means for Go, given the release's go.mod line. */
    public Verdict judge(GoVersion required) {
        if (builder.isPresent() && builder.get().satisfies(required)) {
            return new Verdict(Optional.empty(), Optional.of(builder.get()));
        }
        var has = builder.map(g -> "has Go " + g).orElse("has a Go release the canary cannot tell");
        var usable = obtainable.stream().filter(g -> g.satisfies(required)).min(Comparator.naturalOrder());
        if (usable.isPresent()) {
            var g = usable.get();
            return new Verdict(Optional.of(Break.of(BreakKind.GO_VERSION, "Go " + required,
                    "the release's go.mod needs Go " + required + " or newer; the builder " + has + " (" + builderSource
                            + "). Go " + g + " can be had here.",
                    "move the Go pin with Tailscale: go.version " + g + " (local bases) and builder.image golang:" + g
                            + "-alpine@sha256:<digest>")), usable);
        }
        var newest = obtainable.isEmpty() ? "none is configured"
                : "the newest that can be had here is Go " + obtainable.get(obtainable.size() - 1);
        return new Verdict(Optional.of(Break.blocking(BreakKind.GO_VERSION, "Go " + required,
                "the release's go.mod needs Go " + required + " or newer; the builder " + has + " (" + builderSource
                        + "), and " + newest + ".",
                "wait for Go " + required + " or newer to be obtainable on the build machines (GOTOOLCHAIN=go"
                        + required + " through the module proxy), then move go.version and builder.image with"
                        + " Tailscale")), Optional.empty());
    }

    /**
     * @param problem the break, if any
     * @param buildWith the Go the canary's build uses: the builder's own, an obtainable newer one, or none
     */
    public record Verdict(Optional<Break> problem, Optional<GoVersion> buildWith) {}
}
