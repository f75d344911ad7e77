package io.github.mikrotiktailscale.feature;

import java.util.List;
import java.util.function.Predicate;

/**
 * A feature the router image cannot work without, possibly only in combination with others.
 * Each one was learned on a real router or in the smoke test's tailnet; {@link #breaks()} says
 * what goes wrong without it.
 *
 * @param feature the feature that must be kept
 * @param when the condition under which it is needed, tested on the resolved build
 * @param condition the condition in words ("always", "while dns is kept"), for messages
 * @param breaks what a user sees when the feature is missing
 * @param advisory true when the image still works without it, but worse, and a source change can
 *     make up for it: leaving it out is then a warning, not an error, and accepting the omission
 *     (saying how the image makes up for it) silences the warning
 * @param metBy a capability that a project's own source change may provide instead of the feature;
 *     empty when only the feature will do
 */
public record RouterRequirement(String feature, Predicate<Predicate<String>> when, String condition, String breaks,
        boolean advisory, java.util.Optional<Capability> metBy) {

    public RouterRequirement(String feature, Predicate<Predicate<String>> when, String condition, String breaks,
            boolean advisory) {
        this(feature, when, condition, breaks, advisory, java.util.Optional.empty());
    }

    /** The rules, in the order their messages are shown. */
    public static List<RouterRequirement> all() {
        return List.of(
                always("cli",
                        "the image has no 'tailscale' command, so nothing can log in, show status or set routes"),
                always("unixsocketidentity",
                        "the daemon cannot tell that a LocalAPI request came over its own socket, so every CLI call"
                                + " (status, up, set) is refused with \"access denied\" (tailscale/tailscale#17873)"),
                always("ipnbus",
                        "'tailscale up' returns at once (\"not waiting for completion\") before it even starts the"
                                + " login: it prints no login URL, never uses an auth key, and the node does not join"),
                new RouterRequirement("osrouter", has -> !has.test("netstack"), "while netstack is left out",
                        "nothing configures the TUN device's addresses and routes, so the node joins but carries no traffic",
                        false),
                new RouterRequirement("netstack", has -> has.test("dns"), "while dns is kept",
                        "nothing answers MagicDNS on 100.100.100.100, so the router's *.ts.net forward fails", false,
                        java.util.Optional.of(Capability.MAGICDNS)),
                new RouterRequirement("netstack", has -> true, "always",
                        "the daemon panics (unreachable in tstun.invertGSOChecksum, v1.98 to v1.102) whenever it"
                                + " injects a packet: TSMP pongs and rejects, a ping of its own tailnet address, exit-node"
                                + " use", false, java.util.Optional.of(Capability.RAW_INJECT)),
                always("udptransport",
                        "peers cannot talk over UDP: all traffic is relayed through DERP servers, slowly"),
                new RouterRequirement("tailnetlock", has -> has.test("cli"), "while cli is kept",
                        "'tailscale up' logs the node in and then fails with \"tailnet lock is not supported by this"
                                + " binary\": the CLI cannot read the netmap its own daemon sends (Tailscale 1.98 to"
                                + " 1.104, found by the smoke test). Keeping tailnetlock costs about 180 kB (amd64,"
                                + " packed); a patch to tka/disabled_stub.go that reads the stub's own marker back costs"
                                + " nothing", true),
                new RouterRequirement("logtail", has -> true, "always",
                        "tailscaled's verbose lines ([v1], [v2]) reach the router's log at the default verbosity:"
                                + " about 140 lines a minute on a node whose peers come and go, four times as many as"
                                + " with them dropped (smoke test). Keeping logtail costs about 120 kB (amd64, packed);"
                                + " a source file in cmd/tailscaled that drops them as logtail does costs nothing",
                        true));
    }

    private static RouterRequirement always(String feature, String breaks) {
        return new RouterRequirement(feature, has -> true, "always", breaks, false);
    }
}
