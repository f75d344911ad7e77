package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.smoke.Tailnet.Node;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the daemon answers itself by injecting a packet into the TUN: the paths that panicked
 * without netstack ("unreachable" in tstun.invertGSOChecksum). Each check also requires that node
 * A is still running, never restarted and logged no panic.
 */
final class InjectedPacketChecks {

    /** A port nothing listens on in node A; its filter answers a connection with a RST. */
    static final int CLOSED_PORT = 4799;

    private final TailnetActions net;
    private final Optional<Set<String>> features;
    private final Consumer<Check> add;

    InjectedPacketChecks(TailnetActions net, Optional<Set<String>> features, Consumer<Check> add) {
        this.net = net;
        this.features = features;
        this.add = add;
    }

    void run(Node a, Node b, TailscaleStatus statusA) throws EnvironmentException, InterruptedException {
        var address = statusA.self().ipv4();

        var tsmp = net.tailscale(b, "ping", "--tsmp", "--c", "3", "--timeout", "5s", address);
        report("tsmp ping", a, tsmp.ok() && tsmp.text().contains("pong"),
                "tailscale ping --tsmp " + address + " from node-b: " + PlatformSmoke.oneLine(tsmp.text()));

        var icmp = HarnessOutput.ping(net.harness(b.container(), "ping", "-count", "5", "-interval", "100ms", address)
                .lines());
        report("ping of node-a's own address", a, icmp.received() > 0, "from node-b: " + icmp.describe());

        var refused = HarnessOutput.connection(net.harness(b.container(), "connect", "-timeout", "3s",
                address + ":" + CLOSED_PORT).lines());
        report("rejected connection", a, refused.outcome().equals("refused") || refused.outcome().equals("timeout"),
                "node-b to node-a port " + CLOSED_PORT + ": " + refused.describe());
    }

    private void report(String name, Node a, boolean answered, String detail)
            throws EnvironmentException, InterruptedException {
        var state = net.state(a.container());
        var panics = net.logs(a.container(), null, null).stream().filter(l -> l.startsWith("panic:")).toList();
        boolean alive = state.startsWith("true ") && state.endsWith(" 0") && panics.isEmpty();
        if (!alive) {
            add.accept(Check.fail(name, detail + String.format(Locale.ROOT, "; node-a %s%s", state,
                    panics.isEmpty() ? "" : ", " + panics.get(0)), Symptom.INJECT_PANIC.cause(features)));
        } else if (!answered) {
            add.accept(Check.fail(name, detail + "; node-a still running", Symptom.NO_INJECTED_ANSWER.cause(features)));
        } else {
            add.accept(Check.pass(name, detail + "; node-a running, never restarted"));
        }
    }

    /** The names of the checks, in order (for the report and the tests). */
    static List<String> names() {
        return List.of("tsmp ping", "ping of node-a's own address", "rejected connection");
    }
}
