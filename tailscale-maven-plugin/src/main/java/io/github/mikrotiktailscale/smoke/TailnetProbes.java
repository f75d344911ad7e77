package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.smoke.Tailnet.Node;
import java.time.Duration;
import java.time.Instant;

/** The scenario's questions that take a while to come true: asked through {@link Polling} until they do. */
final class TailnetProbes {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final TailnetActions net;
    private final Polling polling;

    TailnetProbes(TailnetActions net, Polling polling) {
        this.net = net;
        this.polling = polling;
    }

    Tailnet.StatusReading awaitRunning(Node node, Instant deadline) throws EnvironmentException, InterruptedException {
        return polling.until(deadline, Duration.ofMillis(500), () -> net.status(node),
                reading -> reading.running() || reading.output().contains("access denied"));
    }

    /** Pings until one reply came (routes take a moment), then once more for the figures. */
    HarnessOutput.Ping retryPing(Node from, String address, int count) throws EnvironmentException,
            InterruptedException {
        var ping = polling.until(STEP_TIMEOUT, Duration.ofMillis(500), () -> HarnessOutput.ping(net.harness(
                from.container(), "ping", "-count", "2", "-timeout", "1s", address).lines()), p -> p.received() > 0);
        if (ping.received() == 0) {
            return ping;
        }
        return HarnessOutput.ping(net.harness(from.container(), "ping", "-count", String.valueOf(count), "-interval",
                "100ms", address).lines());
    }

    /**
     * Resolves a name on node B's 100.100.100.100 the way a router behind B asks: from outside, the
     * control host routing 100.100.100.100 to B (the container's own queries are answered only by
     * netstack: without it, the answer's tailnet source address is dropped on lo by tailscaled's
     * input rules).
     */
    HarnessOutput.Resolution resolveThroughB(String query, String expected)
            throws EnvironmentException, InterruptedException {
        return polling.until(STEP_TIMEOUT, Duration.ofMillis(500), () -> HarnessOutput.resolution(net.harness(
                net.control(), "resolve", "-server", Topology.MAGIC_DNS_ADDRESS, "-timeout", "2s", query).lines()),
                answer -> answer.answered(expected));
    }

    boolean awaitLog(Node node, String text, Instant deadline) throws EnvironmentException, InterruptedException {
        return polling.within(deadline, Duration.ofMillis(300),
                () -> net.logs(node.container(), null, null).stream().anyMatch(l -> l.contains(text)));
    }
}
