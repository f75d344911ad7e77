package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.smoke.Tailnet.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sustained traffic through node A while both daemons' memory is sampled: node B sends TCP as fast
 * as it can to a sink on the test host, first to its subnet address (through A's subnet route),
 * then to the address only A's upstream has (through A as exit node, which B uses by then). The
 * throughput is a figure, not a check: the machine is shared, and what counts here is memory.
 */
final class LoadTest {

    static final Duration PHASE = Duration.ofSeconds(15);
    static final int SINK_PORT = 5201;

    private final TailnetActions net;
    private final MemoryRecorder memory;
    private final Consumer<Check> checks;

    LoadTest(TailnetActions net, MemoryRecorder memory, Consumer<Check> checks) {
        this.net = net;
        this.memory = memory;
        this.checks = checks;
    }

    /** A path to send through: its figure's key, the sink's address, what it goes through. */
    record Target(String key, String address, String through) {}

    static final List<Target> TARGETS = List.of(
            new Target("subnet", Topology.TEST_HOST, "node-a's subnet route"),
            new Target("exitNode", Topology.INTERNET_HOST, "node-a as exit node"));

    void run(Node a, Node b) throws EnvironmentException, InterruptedException {
        var name = "sustained load";
        if (!startSink()) {
            checks.accept(Check.fail(name, "the sink on the test host did not start", "see the test host's log"));
            return;
        }
        var nodes = Map.of(a.name(), a.container(), b.name(), b.container());
        var results = memory.whileRunning(MemoryState.UNDER_LOAD, nodes, () -> {
            var blasts = new ArrayList<String>();
            for (var path : TARGETS) {
                blasts.add(blast(b, path));
            }
            return blasts;
        });
        var failed = results.stream().filter(r -> r.startsWith("no traffic")).toList();
        if (!failed.isEmpty()) {
            checks.accept(Check.fail(name, String.join("; ", results), "traffic through node-a stopped or never"
                    + " flowed: see node-a's log (a crash under load, the route or exit node gone)"));
        } else {
            checks.accept(Check.pass(name, String.join("; ", results)));
        }
    }

    /** One phase: the sink's count and the rate, or why nothing arrived. */
    private String blast(Node from, Target path) throws EnvironmentException, InterruptedException {
        var result = net.harness(from.container(), "blast", "-duration", PHASE.toSeconds() + "s",
                path.address() + ":" + SINK_PORT);
        var event = HarnessOutput.first(result.lines(), "blast");
        if (event.isEmpty() || event.get().path("receivedBytes").asLong() == 0) {
            return "no traffic " + path.key() + " through " + path.through() + ": "
                    + PlatformSmoke.oneLine(result.text());
        }
        double mbit = event.get().path("mbitPerSecond").asDouble();
        double megabytes = event.get().path("receivedBytes").asLong() / 1e6;
        memory.figure(new Figure("load." + path.key() + "MbitPerSecond", mbit, "Mbit/s", "TCP from node-b to the"
                + " test host through " + path.through() + " for " + PHASE.toSeconds() + " s (2-core machine shared"
                + " with other builds: a floor, not a capacity)"));
        return String.format(Locale.ROOT, "%.0f MB through %s in %.0f s (%.0f Mbit/s)", megabytes, path.through(),
                event.get().path("seconds").asDouble(), mbit);
    }

    /** The sink runs beside the test host's DNS server; a connection from the test host itself says it listens. */
    private boolean startSink() throws EnvironmentException, InterruptedException {
        net.exec(net.testHost(), "sh", "-c", Tailnet.HARNESS + " sink -port " + SINK_PORT + " >/dev/null 2>&1 &");
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        do {
            var connect = HarnessOutput.first(net.harness(net.testHost(), "connect", "-timeout", "1s",
                    "127.0.0.1:" + SINK_PORT).lines(), "connected");
            if (connect.map(e -> e.path("outcome").asText()).orElse("").equals("connected")) {
                return true;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        return false;
    }
}
