package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.progress.Progress;
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
 * The second half of the tailnet scenario, what must still hold once time passes: the window of
 * peers coming and going (flash writes, log noise), a restart, node B using node A as its exit
 * node, and both daemons alive at the end.
 */
final class TailnetEndurance {

    private static final Duration JOIN_TIMEOUT = TailnetSmoke.JOIN_TIMEOUT;
    private static final Duration STEP_TIMEOUT = TailnetProbes.STEP_TIMEOUT;
    private static final int STOP_GRACE_SECONDS = 20;
    /** A window of minutes reports how far it is at least this often. */
    private static final Duration REPORT_EVERY = Duration.ofSeconds(15);

    private final TailnetActions net;
    private final Progress listener;
    private final Polling polling;
    private final TailnetProbes probes;
    private final Optional<Set<String>> features;
    private final Duration window;
    private final ScenarioRecord record;

    TailnetEndurance(TailnetActions net, Progress listener, Polling polling, Optional<Set<String>> features,
            Duration window, ScenarioRecord record) {
        this.net = net;
        this.listener = listener;
        this.polling = polling;
        this.probes = new TailnetProbes(net, polling);
        this.features = features;
        this.window = window;
        this.record = record;
    }

    /** The window, the restart, the exit node, and whether the daemons survived it all. */
    /** Something the scenario does between the endurance steps (memory readings, load). */
    @FunctionalInterface
    interface Step {
        void run() throws EnvironmentException, InterruptedException;
    }

    void run(Node a, Node b, Node c, String watcher, TailscaleStatus statusA)
            throws EnvironmentException, InterruptedException {
        run(a, b, c, watcher, statusA, () -> { }, () -> { });
    }

    /** {@code afterWindow} runs right after the churn window, {@code beforeAlive} before the liveness check. */
    void run(Node a, Node b, Node c, String watcher, TailscaleStatus statusA, Step afterWindow, Step beforeAlive)
            throws EnvironmentException, InterruptedException {
        flashAndLogs(a, b, c, watcher);
        afterWindow.run();
        restart(a, statusA);
        exitNode(a, b, statusA);
        beforeAlive.run();
        alive(a, b);
    }

    /**
     * The window: peers come and go (node C leaves, node D joins and leaves twice) while node B
     * keeps using the subnet. Node A's volume is watched the whole time and the nodes' logs
     * counted: only the state file may be written, and no verbose line may reach the log.
     */
    private void flashAndLogs(Node a, Node b, Node c, String watcher) throws EnvironmentException, InterruptedException {
        listener.info("Window of " + window.toSeconds() + " s: peers coming and going, node-a's volume watched ...");
        var from = polling.now();
        var end = from.plus(window);
        net.remove(c);
        int cycle = 0;
        Node d = null;
        var quarter = window.dividedBy(4);
        var next = from;
        var report = from.plus(REPORT_EVERY);
        while (polling.now().isBefore(end)) {
            if (!polling.now().isBefore(report)) {
                listener.info(String.format(Locale.ROOT, "Window: %d s of %d s, %d peer(s) joined and left so far",
                        Duration.between(from, polling.now()).toSeconds(), window.toSeconds(), cycle));
                report = report.plus(REPORT_EVERY);
            }
            if (!polling.now().isBefore(next)) {
                if (d == null) {
                    cycle++;
                    d = net.node("node-d" + cycle, 20 + cycle, Map.of("TS_AUTHKEY", Tailnet.AUTH_KEY, "TS_HOSTNAME",
                            "node-d" + cycle, "TS_LOGIN_SERVER", Topology.controlUrl()), false, false);
                } else {
                    net.remove(d);
                    d = null;
                }
                next = next.plus(quarter);
            }
            net.harness(b.container(), "ping", "-count", "1", "-timeout", "1s", Topology.TEST_HOST);
            var left = Duration.between(polling.now(), end);
            polling.sleep(Duration.ofMillis(Math.max(0, Math.min(5000, Math.min(left.toMillis(),
                    Duration.between(polling.now(), next).toMillis())))));
        }
        if (d != null) {
            net.remove(d);
        }
        var to = polling.now();
        var watch = net.stopWatching(watcher);
        var stateFile = net.layout().stateFile();
        var writes = FlashWrites.assess(stateFile, from, to, HarnessOutput.changes(watch),
                HarnessOutput.snapshot(watch, "after"));
        record.figure("windowSeconds", Duration.between(from, to).toMillis() / 1000.0, "s",
                "the window: " + cycle + " peers joined and left, node-c left");
        record.figure("flash.bytesPerMinute", writes.bytesPerMinute(), "bytes/min", "written to node-a's volume in the window");
        record.figure("flash.writes", writes.fileWrites(), "files", "files written (closed) in node-a's volume in the window");
        if (!writes.beforeWindow().isEmpty()) {
            record.note("Written to node-a's volume at its first login (before the window): "
                    + String.join(", ", writes.beforeWindow()) + ".");
        }
        var others = writes.otherFiles(stateFile);
        if (!others.isEmpty()) {
            record.note("Besides " + stateFile + ", node-a's volume holds: " + String.join(", ", others)
                    + ". derpmap.cached.json is tailscaled's copy of the DERP map for DNS fallback; it is rewritten"
                    + " only when the control server sends a different DERP map.");
        }
        if (writes.passed()) {
            record.add(Check.pass("flash writes", writes.describe(stateFile)));
        } else {
            record.add(Check.fail("flash writes", writes.describe(stateFile), Symptom.OTHER_FLASH_WRITES.cause(features)));
        }
        for (var node : List.of(a, b)) {
            var noise = LogNoise.count(node.name(), Duration.between(from, to), net.logs(node.container(), from, to));
            record.figure("logLinesPerMinute." + node.name(), noise.linesPerMinute(), "lines/min",
                    "container log lines in the window (default verbosity)");
            if (noise.verboseLines() > 0) {
                record.add(Check.fail("log noise " + node.name(), noise.describe() + ", e.g. "
                        + PlatformSmoke.oneLine(noise.verboseSamples().get(0)), Symptom.VERBOSE_LOG.cause(features)));
            } else {
                record.add(Check.pass("log noise " + node.name(), noise.describe()));
            }
        }
    }

    /** Node A stops (SIGTERM) and starts again: same node, no new login, back on the tailnet. */
    private void restart(Node a, TailscaleStatus before) throws EnvironmentException, InterruptedException {
        var name = "restart keeps the node";
        var stopped = net.stop(a, STOP_GRACE_SECONDS);
        var state = net.state(a.container());
        var restartedAt = polling.now();
        net.startAgain(a);
        var reading = probes.awaitRunning(a, restartedAt.plus(JOIN_TIMEOUT));
        double running = Duration.between(restartedAt, polling.now()).toMillis() / 1000.0;
        var logs = net.logs(a.container(), restartedAt, null);
        record.figure("restart.stopSeconds", stopped.toMillis() / 1000.0, "s", "docker stop of node-a (SIGTERM)");
        var exitCode = state.split(" ").length > 1 ? state.split(" ")[1] : "?";
        if (stopped.toSeconds() >= STOP_GRACE_SECONDS - 1 || !exitCode.equals("0")) {
            record.add(Check.fail("clean stop", String.format(Locale.ROOT, "stop took %.1f s, exit code %s",
                    stopped.toMillis() / 1000.0, exitCode), Symptom.SIGNAL_LOST.cause(features)));
        } else {
            record.add(Check.pass("clean stop", String.format(Locale.ROOT, "SIGTERM reached tailscaled: stopped in %.1f s,"
                    + " exit code 0", stopped.toMillis() / 1000.0)));
        }
        if (!reading.running()) {
            record.add(Check.fail(name, "not running " + JOIN_TIMEOUT.toSeconds() + " s after the restart: "
                    + PlatformSmoke.oneLine(reading.output()), Symptom.STATE_LOST.cause(features)));
            return;
        }
        var after = reading.status().orElseThrow();
        boolean sameNode = TailnetAssessment.sameNode(before, after);
        boolean loggedInAgain = logs.stream().anyMatch(l -> l.contains("entrypoint: logging in"));
        if (!sameNode || loggedInAgain) {
            record.add(Check.fail(name, "before " + before.self().id() + " " + before.self().addresses() + ", after "
                    + after.self().id() + " " + after.self().addresses() + (loggedInAgain ? ", logged in again" : ""),
                    Symptom.STATE_LOST.cause(features)));
            return;
        }
        record.figure("restart.runningSeconds", running, "s", "from docker start of node-a to Running again");
        record.add(Check.pass(name, String.format(Locale.ROOT, "same node %s %s, no new login, Running %.1f s after the start",
                after.self().id(), after.self().ipv4(), running)));
    }

    /**
     * Node B sends everything through node A: it then reaches an address only A's upstream has,
     * and resolves a name only the DNS server on A's side knows (through A's PeerAPI DNS).
     */
    private void exitNode(Node a, Node b, TailscaleStatus statusA) throws EnvironmentException, InterruptedException {
        var name = "exit node";
        var before = HarnessOutput.ping(net.harness(b.container(), "ping", "-count", "1", "-timeout", "1s",
                Topology.INTERNET_HOST).lines());
        if (before.received() > 0) {
            record.note("node-b reached " + Topology.INTERNET_HOST + " before using the exit node: the exit-node check"
                    + " proves less than it should.");
        }
        var since = polling.now();
        // LAN access stays on, as a router needs it: the answers to its own DNS questions (and to
        // everything else on its LAN) must not leave through the exit node
        var set = net.tailscale(b, "set", "--exit-node=" + statusA.self().ipv4(), "--exit-node-allow-lan-access");
        if (!set.ok()) {
            record.add(Check.fail(name, "tailscale set --exit-node: " + PlatformSmoke.oneLine(set.text()),
                    set.text().contains("access denied") ? Symptom.ACCESS_DENIED.cause(features)
                            : Symptom.NO_EXIT_NODE.cause(features)));
            return;
        }
        var ping = probes.retryPing(b, Topology.INTERNET_HOST, 10);
        if (ping.received() == 0) {
            record.add(Check.fail(name, Topology.INTERNET_HOST + " through node-a: " + ping.describe(), crashed(a, b, since)
                    ? Symptom.EXIT_NODE_CRASH.cause(features) : Symptom.NO_EXIT_NODE.cause(features)));
        } else {
            record.figure("exitNodeRttMs.median", ping.medianMs(), "ms", "ping node-b -> upstream host through exit node node-a");
            record.add(Check.pass(name, Topology.INTERNET_HOST + " through node-a: " + ping.describe()));
        }
        var answer = probes.resolveThroughB(Topology.PRIVATE_NAME, Topology.INTERNET_HOST);
        var testHostLog = String.join("\n", net.logs(net.testHost(), since, null));
        if (!answer.answered(Topology.INTERNET_HOST)) {
            record.add(Check.fail("exit node dns", answer.describe(), crashed(a, b, since)
                    ? Symptom.EXIT_NODE_CRASH.cause(features) : Symptom.NO_EXIT_NODE_DNS.cause(features)));
        } else if (!testHostLog.contains(Topology.SUBNET_ROUTER_ADDRESS)) {
            record.add(Check.fail("exit node dns", answer.describe() + ", but the DNS server behind node-a saw no query from it",
                    Symptom.NO_EXIT_NODE_DNS.cause(features)));
        } else {
            record.add(Check.pass("exit node dns", answer.describe() + ", asked by node-a on node-b's behalf"));
        }
    }

    private boolean crashed(Node a, Node b, Instant since) throws EnvironmentException, InterruptedException {
        for (var node : List.of(a, b)) {
            if (!net.state(node.container()).startsWith("true")) {
                return true;
            }
            if (net.logs(node.container(), since, null).stream().anyMatch(l -> l.startsWith("panic:"))) {
                return true;
            }
        }
        return false;
    }

    /** Neither daemon crashed or restarted during the run. */
    private void alive(Node a, Node b) throws EnvironmentException, InterruptedException {
        var states = new LinkedHashMap<String, String>();
        var panics = new ArrayList<String>();
        for (var node : List.of(a, b)) {
            states.put(node.name(), net.state(node.container()));
            net.logs(node.container(), null, null).stream().filter(l -> l.startsWith("panic:"))
                    .forEach(l -> panics.add(node.name() + ": " + l));
        }
        // "running exitcode restarts": running, and never restarted by the engine
        record.add(TailnetAssessment.alive(states, panics, features));
    }
}
