package io.github.mikrotiktailscale.smoke;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a failed check looks like from outside, and the feature or setting behind it. Each was
 * seen on a router or in these smoke runs; the message names the feature so that whoever reads a
 * failed run knows where to look.
 */
public enum Symptom {
    ACCESS_DENIED(List.of("unixsocketidentity"), "access denied",
            "the daemon cannot tell that a CLI call came over its own socket and refuses it"),
    UP_DOES_NOT_WAIT(List.of("ipnbus"), "'tailscale up' does not wait",
            "without the IPN bus 'tailscale up' returns at once ('not waiting for completion'), before it even"
                    + " starts the login: no login URL, and an auth key is never used"),
    NETMAP_UNREADABLE(List.of("tailnetlock"), "'tailnet lock is not supported by this binary'",
            "the CLI cannot read the netmap its own daemon sends, so 'tailscale up' fails after a successful"
                    + " login; keep tailnetlock or patch tka's stub to read its own marker back"),
    NO_MAGICDNS(List.of("netstack", "dns"), "no answer from 100.100.100.100",
            "with a kernel TUN, netstack answers MagicDNS on 100.100.100.100, or without it a source change that"
                    + " provides magicdns (image-project's magicdns.go); its log line 'magicdns: answering on' says"
                    + " whether it started"),
    EXIT_NODE_CRASH(List.of("netstack"), "the daemon died using an exit node",
            "without netstack, tstun panics ('unreachable' in invertGSOChecksum) on packets it injects for"
                    + " exit-node use, unless a patch provides raw-inject"),
    INJECT_PANIC(List.of("netstack"), "the daemon died answering by itself",
            "without netstack, tstun panics ('unreachable' in invertGSOChecksum) on every packet it injects (TSMP"
                    + " pongs and rejects, replies to its own address), unless a patch provides raw-inject"),
    NO_INJECTED_ANSWER(List.of(), "no answer, but the daemon runs",
            "the node did not answer a TSMP ping, an ICMP echo to its own address or a rejected connection;"
                    + " look at its log"),
    NO_EXIT_NODE_DNS(List.of("peerapiserver"), "no DNS through the exit node",
            "the exit node runs no PeerAPI DNS-over-HTTPS server, so devices using it cannot resolve names"),
    NO_SUBNET_ROUTE(List.of("advertiseroutes", "useroutes"), "no route to the subnet",
            "the subnet router did not advertise the route, or the client cannot accept it"),
    SUBNET_UNREACHABLE(List.of("osrouter"), "the subnet does not answer",
            "the route is there but packets do not pass the subnet router (forwarding, firewall rules)"),
    NO_EXIT_NODE(List.of("advertiseexitnode", "useexitnode"), "the exit node carries no traffic",
            "the exit node role was not offered or cannot be used"),
    VERBOSE_LOG(List.of("logtail"), "verbose lines in the log",
            "without logtail nothing drops the [v1]/[v2] lines at the default verbosity: add the log filter"
                    + " (<sourceFiles>) or keep logtail"),
    NO_FORWARDING(List.of(), "forwarding is off",
            "the entrypoint did not switch on IPv4/IPv6 forwarding (it needs a writable /proc/sys)"),
    NOT_UNATTENDED(List.of(), "the TS_* variables were ignored",
            "the entrypoint does not run 'tailscale up' from TS_AUTHKEY, TS_ROUTES, TS_HOSTNAME, TS_LOGIN_SERVER,"
                    + " TS_EXTRA_ARGS"),
    STATE_LOST(List.of(), "a new identity after a restart",
            "the state file is not on the persistent volume: --state/--statedir must point into the image's VOLUME"),
    SIGNAL_LOST(List.of(), "a slow or unclean stop",
            "the stop signal does not reach tailscaled: the entrypoint must exec it or pass the signal on"),
    OTHER_FLASH_WRITES(List.of("cachenetmap"), "other files written to the volume",
            "only the state file may be rewritten while the node runs; a netmap cache or log buffer wears the"
                    + " router's flash"),
    DAEMON_DOES_NOT_START(List.of(), "the daemon does not start",
            "the binary does not run on this platform, or tailscaled stops at once (see its output)"),
    WRONG_VERSION(List.of(), "another Tailscale version",
            "the image was built from another Tailscale release than the one configured: rebuild it");

    private final List<String> features;
    private final String seen;
    private final String explanation;

    Symptom(List<String> features, String seen, String explanation) {
        this.features = features;
        this.seen = seen;
        this.explanation = explanation;
    }

    public List<String> features() {
        return features;
    }

    /**
     * The cause as a check reports it: {@code access denied -> unixsocketidentity is omitted (...)}.
     * With the image's feature list at hand it says which of the features really is missing.
     */
    public String cause(Optional<Set<String>> imageFeatures) {
        if (features.isEmpty()) {
            return seen + " -> " + explanation;
        }
        var missing = imageFeatures.map(have -> features.stream().filter(f -> !have.contains(f)).toList())
                .orElse(features);
        if (imageFeatures.isPresent() && missing.isEmpty()) {
            return seen + " -> " + explanation + " (the image has " + String.join(" and ", features)
                    + ", so look at the log)";
        }
        var verb = imageFeatures.isPresent() ? " is omitted" : " is likely omitted";
        return seen + " -> " + String.join(" or ", missing) + verb + ": " + explanation;
    }
}
