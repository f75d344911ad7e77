package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.progress.Progress;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.smoke.Tailnet.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Two routers on a tailnet of their own, from the image under test, joined unattended through the
 * entrypoint's TS_* variables: node A shares a subnet and offers itself as exit node, node B uses
 * both. Each step is a {@link Check}; a failed step says which feature or setting is behind it.
 * The steps run in order and later ones are skipped once the tailnet itself is not up.
 */
final class TailnetSmoke {

    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STEP_TIMEOUT = TailnetProbes.STEP_TIMEOUT;

    private final TailnetActions net;
    private final Progress listener;
    private final Polling polling;
    private final Optional<Set<String>> features;
    private final Duration window;
    private final TailnetProbes probes;
    private final ScenarioRecord record;
    /** Null where memory cannot be read (the scenario's unit test): then it is not measured. */
    private final MemoryRecorder memory;

    TailnetSmoke(TailnetActions net, Progress listener, Optional<Set<String>> features, Duration window,
            MemoryRecorder memory) {
        this(net, listener, features, window, Polling.SYSTEM, memory);
    }

    TailnetSmoke(TailnetActions net, Progress listener, Optional<Set<String>> features, Duration window,
            Polling.Clock clock) {
        this(net, listener, features, window, clock, null);
    }

    private TailnetSmoke(TailnetActions net, Progress listener, Optional<Set<String>> features, Duration window,
            Polling.Clock clock, MemoryRecorder memory) {
        this.memory = memory;
        this.net = net;
        this.listener = listener;
        this.features = features;
        this.window = window;
        this.polling = new Polling(clock);
        this.probes = new TailnetProbes(net, polling);
        this.record = new ScenarioRecord(listener);
    }

    record Outcome(List<Check> checks, List<Figure> figures, List<String> notes) {}

    Outcome run() throws EnvironmentException, InterruptedException {
        // the volume is watched from before node A's first start: its first writes are seen too
        var watcher = net.watch("node-a");
        var started = polling.now();
        var a = net.node("node-a", 11, Map.of("TS_AUTHKEY", Tailnet.AUTH_KEY, "TS_ROUTES", Topology.SUBNET,
                "TS_HOSTNAME", "node-a", "TS_LOGIN_SERVER", Topology.controlUrl(),
                "TS_EXTRA_ARGS", "--advertise-exit-node"), true, true);
        var b = net.node("node-b", Topology.NODE_B, Map.of("TS_AUTHKEY", Tailnet.AUTH_KEY, "TS_HOSTNAME", "node-b",
                "TS_LOGIN_SERVER", Topology.controlUrl(), "TS_EXTRA_ARGS", "--accept-routes"), false, false);
        var joined = join(started, a, b);
        if (!joined) {
            record.note("The nodes did not join, so the checks that need a tailnet were not run.");
            net.stopWatching(watcher);
            return record.outcome();
        }
        var statusA = net.status(a).status().orElseThrow();
        var nodes = Map.of(a.name(), a.container(), b.name(), b.container());
        if (memory != null) {
            memory.measure(MemoryState.JOINED, nodes);
        }
        status(a, b);
        forwarding(a);
        subnetRoute(b);
        magicDns(b, statusA);
        var statusB = net.status(b).status();
        if (statusB.isPresent()) {
            new MagicDnsChecks(net, polling, features, this::add).run(statusB.get().self());
        }
        new InjectedPacketChecks(net, features, this::add).run(a, b, statusA);
        var c = interactiveLogin();
        new TailnetEndurance(net, listener, polling, features, window, record).run(a, b, c, watcher, statusA,
                () -> {
                    if (memory != null) {
                        memory.measure(MemoryState.AFTER_CHURN, nodes);
                    }
                },
                () -> {
                    if (memory != null) {
                        new LoadTest(net, memory, this::add).run(a, b);
                        memory.runPeak(nodes);
                        memory.cliPeak(a.name(), a.container(), () -> net.tailscale(a, "status", "--json"));
                    }
                });
        new PrivateCaChecks(net, polling, features, this::add).run();
        return record.outcome();
    }

    private void add(Check check) {
        record.add(check);
    }

    private void figure(String name, double value, String unit, String what) {
        record.figure(name, value, unit, what);
    }

    /** Both nodes reach Running with nothing but their TS_* variables, and 'tailscale up' said so. */
    private boolean join(Instant started, Node... nodes) throws EnvironmentException, InterruptedException {
        var deadline = started.plus(JOIN_TIMEOUT);
        var readings = new LinkedHashMap<Node, Tailnet.StatusReading>();
        var runningAt = new LinkedHashMap<Node, Instant>();
        var givenUp = new LinkedHashMap<Node, String>();
        int round = 0;
        do {
            for (var node : nodes) {
                if (!runningAt.containsKey(node) && !givenUp.containsKey(node)) {
                    var reading = net.status(node);
                    readings.put(node, reading);
                    if (reading.running()) {
                        runningAt.put(node, polling.now());
                    } else if (reading.output().contains("access denied")) {
                        givenUp.put(node, reading.output());
                    } else if (round % 10 == 9 && TailnetAssessment.entrypointDone(net.logs(node.container(), null,
                            null))) {
                        givenUp.put(node, reading.output());
                    }
                }
            }
            if (runningAt.size() + givenUp.size() == nodes.length) {
                break;
            }
            round++;
            polling.sleep(Duration.ofMillis(300));
        } while (polling.now().isBefore(deadline));
        boolean all = true;
        for (var node : nodes) {
            var reading = readings.get(node);
            var name = "unattended join " + node.name();
            var logs = String.join("\n", net.logs(node.container(), null, null));
            if (!runningAt.containsKey(node)) {
                all = false;
                var state = reading.status().map(TailscaleStatus::backendState)
                        .orElse(PlatformSmoke.oneLine(reading.output()));
                double waited = Duration.between(started, polling.now()).toMillis() / 1000.0;
                add(Check.fail(name, String.format(Locale.ROOT, "%s after %.0f s; log: %s", state, waited,
                        lastEntrypointLines(logs)), joinCause(logs, reading.output())));
                continue;
            }
            // 'tailscale up' returns just after the state turns Running
            if (!probes.awaitLog(node, "entrypoint: logged in", polling.now().plus(Duration.ofSeconds(10)))) {
                logs = String.join("\n", net.logs(node.container(), null, null));
                add(Check.fail(name, "running, but 'tailscale up' did not report success: "
                        + lastEntrypointLines(logs), joinCause(logs, reading.output())));
                continue;
            }
            double seconds = Duration.between(started, runningAt.get(node)).toMillis() / 1000.0;
            figure("joinSeconds." + node.name(), seconds, "s", "from container start to Running, unattended (TS_*)");
            add(Check.pass(name, String.format(Locale.ROOT, "Running %.1f s after the start, 'tailscale up' reported"
                    + " success", seconds)));
        }
        return all;
    }

    private String joinCause(String logs, String status) {
        return TailnetAssessment.joinCause(logs, status, features);
    }

    private static String lastEntrypointLines(String logs) {
        return TailnetAssessment.lastEntrypointLines(logs);
    }

    /** 'tailscale status' as a person types it: an answer, not "access denied". */
    private void status(Node a, Node b) throws EnvironmentException, InterruptedException {
        var result = net.tailscale(a, "status");
        var name = "tailscale status";
        if (result.text().contains("access denied")) {
            add(Check.fail(name, PlatformSmoke.oneLine(result.text()), Symptom.ACCESS_DENIED.cause(features)));
        } else if (!result.ok() || !result.text().contains(b.name())) {
            add(Check.fail(name, "exit code " + result.exitCode() + ": " + PlatformSmoke.oneLine(result.text()),
                    "the CLI answered, but without the peer: see the output"));
        } else {
            add(Check.pass(name, "on node-a lists node-b (" + result.lines().size() + " lines)"));
        }
    }

    /** The entrypoint switched on forwarding: the container started with both off. */
    private void forwarding(Node a) throws EnvironmentException, InterruptedException {
        var result = net.harness(a.container(), "cat", "/proc/sys/net/ipv4/ip_forward",
                "/proc/sys/net/ipv6/conf/all/forwarding");
        var values = HarnessOutput.events(result.lines()).stream().map(e -> e.path("content").asText("?")).toList();
        add(TailnetAssessment.forwarding(values, features));
    }

    /** Node B reaches the test host behind node A through the tailnet. */
    private void subnetRoute(Node b) throws EnvironmentException, InterruptedException {
        var name = "subnet route";
        Optional<TailscaleStatus.Node> peerA = polling.until(STEP_TIMEOUT, Duration.ofMillis(500),
                () -> net.status(b).status().flatMap(s -> s.peer("node-a"))
                        .filter(p -> p.primaryRoutes().contains(Topology.SUBNET)), Optional::isPresent);
        if (peerA.isEmpty()) {
            add(Check.fail(name, "node-b has no route to " + Topology.SUBNET + " through node-a",
                    Symptom.NO_SUBNET_ROUTE.cause(features)));
            return;
        }
        var ping = probes.retryPing(b, Topology.TEST_HOST, 20);
        if (ping.received() == 0) {
            add(Check.fail(name, "route there, but " + Topology.TEST_HOST + ": " + ping.describe(),
                    Symptom.SUBNET_UNREACHABLE.cause(features)));
            return;
        }
        figure("subnetRttMs.median", ping.medianMs(), "ms", "ping node-b -> test host behind node-a, median");
        figure("subnetRttMs.min", ping.minMs(), "ms", "ping node-b -> test host behind node-a, fastest");
        add(Check.pass(name, Topology.TEST_HOST + " behind node-a: " + ping.describe()));
    }

    /** Node B resolves node A's MagicDNS name on 100.100.100.100, asked by a router behind it. */
    private void magicDns(Node b, TailscaleStatus statusA) throws EnvironmentException, InterruptedException {
        var name = "magicdns";
        var query = "node-a." + Topology.MAGIC_DNS_DOMAIN;
        var expected = statusA.self().ipv4();
        var answer = probes.resolveThroughB(query, expected);
        if (!answer.answered(expected)) {
            add(Check.fail(name, answer.describe() + " (expected " + expected + ")", Symptom.NO_MAGICDNS.cause(features)));
            return;
        }
        add(Check.pass(name, answer.describe()));
    }

    /**
     * A node with only TS_LOGIN_SERVER and TS_HOSTNAME: 'tailscale up' prints the login URL to the
     * log and waits; once someone opens the URL, it reports success. This is what needs ipnbus.
     */
    private Node interactiveLogin() throws EnvironmentException, InterruptedException {
        var name = "tailscale up waits for the login";
        var c = net.node("node-c", 13, Map.of("TS_HOSTNAME", "node-c", "TS_LOGIN_SERVER", Topology.interactiveUrl()),
                false, false);
        var logs = polling.until(STEP_TIMEOUT, Duration.ofMillis(300), () -> String.join("\n", net.logs(c.container(),
                null, null)), text -> !loginUrl(text).isEmpty() || text.contains("not waiting for completion")
                        || text.contains("entrypoint: logged in"));
        var url = loginUrl(logs);
        if (url.isEmpty()) {
            add(Check.fail(name, "no login URL in the log: " + lastEntrypointLines(logs),
                    logs.contains("access denied") ? Symptom.ACCESS_DENIED.cause(features)
                            : Symptom.UP_DOES_NOT_WAIT.cause(features)));
            return c;
        }
        // Still waiting a moment later: nothing has logged in.
        polling.sleep(Duration.ofSeconds(2));
        logs = String.join("\n", net.logs(c.container(), null, null));
        if (logs.contains("entrypoint: logged in") || net.status(c).running()) {
            add(Check.fail(name, "printed " + url + " but did not wait for it", Symptom.UP_DOES_NOT_WAIT.cause(features)));
            return c;
        }
        var visited = polling.now();
        var visit = net.harness(c.container(), "visit", url);
        var reading = probes.awaitRunning(c, polling.now().plus(STEP_TIMEOUT));
        var done = probes.awaitLog(c, "entrypoint: logged in", polling.now().plus(Duration.ofSeconds(10)));
        double seconds = Duration.between(visited, polling.now()).toMillis() / 1000.0;
        if (!reading.running() || !done) {
            var after = String.join("\n", net.logs(c.container(), null, null));
            add(Check.fail(name, "opened " + url + " (" + PlatformSmoke.oneLine(visit.text()) + "); then: "
                    + lastEntrypointLines(after), joinCause(after, reading.output())));
            return c;
        }
        figure("interactiveLoginSeconds", seconds, "s", "from opening the login URL to Running and 'Success.'");
        add(Check.pass(name, "printed the login URL, waited, reported success " + String.format(Locale.ROOT,
                "%.1f s after it was opened", seconds)));
        return c;
    }

    static String loginUrl(String logs) {
        return TailnetAssessment.loginUrl(logs);
    }

}
