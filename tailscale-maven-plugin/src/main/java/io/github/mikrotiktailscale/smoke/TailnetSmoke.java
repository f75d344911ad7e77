package io.github.mikrotiktailscale.smoke;

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

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final int STOP_GRACE_SECONDS = 20;

    private final Tailnet net;
    private final SmokeListener listener;
    private final Optional<Set<String>> features;
    private final Duration window;
    private final MemoryRecorder memory;
    private final List<Check> checks = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    TailnetSmoke(Tailnet net, SmokeListener listener, Optional<Set<String>> features, Duration window,
            MemoryRecorder memory) {
        this.net = net;
        this.listener = listener;
        this.features = features;
        this.window = window;
        this.memory = memory;
    }

    record Outcome(List<Check> checks, List<Figure> figures, List<String> notes) {}

    Outcome run() throws EnvironmentException, InterruptedException {
        // the volume is watched from before node A's first start: its first writes are seen too
        var watcher = net.watch("node-a");
        var started = Instant.now();
        var a = net.node("node-a", 11, Map.of("TS_AUTHKEY", Tailnet.AUTH_KEY, "TS_ROUTES", Topology.SUBNET,
                "TS_HOSTNAME", "node-a", "TS_LOGIN_SERVER", Topology.controlUrl(),
                "TS_EXTRA_ARGS", "--advertise-exit-node"), true, true);
        var b = net.node("node-b", Topology.NODE_B, Map.of("TS_AUTHKEY", Tailnet.AUTH_KEY, "TS_HOSTNAME", "node-b",
                "TS_LOGIN_SERVER", Topology.controlUrl(), "TS_EXTRA_ARGS", "--accept-routes"), false, false);
        var joined = join(started, a, b);
        if (!joined) {
            notes.add("The nodes did not join, so the checks that need a tailnet were not run.");
            net.stopWatching(watcher);
            return outcome();
        }
        var statusA = net.status(a).status().orElseThrow();
        var nodes = Map.of(a.name(), a.container(), b.name(), b.container());
        memory.measure(MemoryState.JOINED, nodes);
        status(a, b);
        forwarding(a);
        subnetRoute(b);
        magicDns(b, statusA);
        var statusB = net.status(b).status();
        if (statusB.isPresent()) {
            new MagicDnsChecks(net, features, this::add).run(statusB.get().self());
        }
        new InjectedPacketChecks(net, features, this::add).run(a, b, statusA);
        var c = interactiveLogin();
        flashAndLogs(a, b, c, watcher);
        memory.measure(MemoryState.AFTER_CHURN, nodes);
        restart(a, statusA);
        exitNode(a, b, statusA);
        new LoadTest(net, memory, this::add).run(a, b);
        memory.runPeak(nodes);
        memory.cliPeak(a.name(), a.container(), () -> net.tailscale(a, "status", "--json"));
        alive(a, b);
        return outcome();
    }

    private Outcome outcome() {
        return new Outcome(List.copyOf(checks), List.copyOf(figures), List.copyOf(notes));
    }

    private void add(Check check) {
        checks.add(check);
        listener.info(check.line());
    }

    private void figure(String name, double value, String unit, String what) {
        if (Double.isFinite(value)) {
            figures.add(new Figure(name, value, unit, what));
        }
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
                        runningAt.put(node, Instant.now());
                    } else if (reading.output().contains("access denied")) {
                        givenUp.put(node, reading.output());
                    } else if (round % 10 == 9 && entrypointDone(node)) {
                        givenUp.put(node, reading.output());
                    }
                }
            }
            if (runningAt.size() + givenUp.size() == nodes.length) {
                break;
            }
            round++;
            Thread.sleep(300);
        } while (Instant.now().isBefore(deadline));
        boolean all = true;
        for (var node : nodes) {
            var reading = readings.get(node);
            var name = "unattended join " + node.name();
            var logs = String.join("\n", net.logs(node.container(), null, null));
            if (!runningAt.containsKey(node)) {
                all = false;
                var state = reading.status().map(TailscaleStatus::backendState)
                        .orElse(PlatformSmoke.oneLine(reading.output()));
                double waited = Duration.between(started, Instant.now()).toMillis() / 1000.0;
                add(Check.fail(name, String.format(Locale.ROOT, "%s after %.0f s; log: %s", state, waited,
                        lastEntrypointLines(logs)), joinCause(logs, reading.output())));
                continue;
            }
            // 'tailscale up' returns just after the state turns Running
            if (!awaitLog(node, "entrypoint: logged in", Instant.now().plus(Duration.ofSeconds(10)))) {
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

    /** The entrypoint's login step has finished (or given up), so waiting longer changes nothing. */
    private boolean entrypointDone(Node node) throws EnvironmentException, InterruptedException {
        return net.logs(node.container(), null, null).stream().anyMatch(l -> l.startsWith("entrypoint: logged in")
                || l.startsWith("entrypoint: 'tailscale up' failed") || l.startsWith("entrypoint: tailscale status:"));
    }

    private String joinCause(String logs, String status) {
        var text = logs + "\n" + status;
        if (text.contains("access denied")) {
            return Symptom.ACCESS_DENIED.cause(features);
        }
        if (text.contains("not waiting for completion")) {
            return Symptom.UP_DOES_NOT_WAIT.cause(features);
        }
        if (text.contains("tailnet lock is not supported by this binary")) {
            return Symptom.NETMAP_UNREADABLE.cause(features);
        }
        if (!logs.contains("entrypoint: logging in")) {
            return Symptom.NOT_UNATTENDED.cause(features);
        }
        return "see the node's log: 'tailscale up' ran with the TS_* settings but the node did not come up";
    }

    private static String lastEntrypointLines(String logs) {
        var lines = logs.lines().filter(l -> !l.matches("^\\d{4}/\\d\\d/\\d\\d .*")).toList();
        return PlatformSmoke.oneLine(String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size())));
    }

    private Tailnet.StatusReading awaitRunning(Node node, Instant deadline) throws EnvironmentException, InterruptedException {
        var reading = net.status(node);
        while (!reading.running() && Instant.now().isBefore(deadline)) {
            if (reading.output().contains("access denied")) {
                return reading;
            }
            Thread.sleep(500);
            reading = net.status(node);
        }
        return reading;
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
        var name = "forwarding";
        if (values.equals(List.of("1", "1"))) {
            add(Check.pass(name, "net.ipv4.ip_forward=1, net.ipv6.conf.all.forwarding=1 (both 0 at the start)"));
        } else {
            add(Check.fail(name, "ip_forward, ipv6 forwarding = " + values, Symptom.NO_FORWARDING.cause(features)));
        }
    }

    /** Node B reaches the test host behind node A through the tailnet. */
    private void subnetRoute(Node b) throws EnvironmentException, InterruptedException {
        var name = "subnet route";
        var deadline = Instant.now().plus(STEP_TIMEOUT);
        Optional<TailscaleStatus.Node> peerA = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            peerA = net.status(b).status().flatMap(s -> s.peer("node-a"))
                    .filter(p -> p.primaryRoutes().contains(Topology.SUBNET));
            if (peerA.isPresent()) {
                break;
            }
            Thread.sleep(500);
        }
        if (peerA.isEmpty()) {
            add(Check.fail(name, "node-b has no route to " + Topology.SUBNET + " through node-a",
                    Symptom.NO_SUBNET_ROUTE.cause(features)));
            return;
        }
        var ping = retryPing(b, Topology.TEST_HOST, 20);
        if (ping.received() == 0) {
            add(Check.fail(name, "route there, but " + Topology.TEST_HOST + ": " + ping.describe(),
                    Symptom.SUBNET_UNREACHABLE.cause(features)));
            return;
        }
        figure("subnetRttMs.median", ping.medianMs(), "ms", "ping node-b -> test host behind node-a, median");
        figure("subnetRttMs.min", ping.minMs(), "ms", "ping node-b -> test host behind node-a, fastest");
        add(Check.pass(name, Topology.TEST_HOST + " behind node-a: " + ping.describe()));
    }

    /** Pings until one reply came (routes take a moment), then once more for the figures. */
    private HarnessOutput.Ping retryPing(Node from, String address, int count) throws EnvironmentException,
            InterruptedException {
        var deadline = Instant.now().plus(STEP_TIMEOUT);
        HarnessOutput.Ping ping;
        do {
            ping = HarnessOutput.ping(net.harness(from.container(), "ping", "-count", "2", "-timeout", "1s",
                    address).lines());
            if (ping.received() > 0) {
                break;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        if (ping.received() == 0) {
            return ping;
        }
        return HarnessOutput.ping(net.harness(from.container(), "ping", "-count", String.valueOf(count), "-interval",
                "100ms", address).lines());
    }

    /** Node B resolves node A's MagicDNS name on 100.100.100.100, asked by a router behind it. */
    private void magicDns(Node b, TailscaleStatus statusA) throws EnvironmentException, InterruptedException {
        var name = "magicdns";
        var query = "node-a." + Topology.MAGIC_DNS_DOMAIN;
        var expected = statusA.self().ipv4();
        var answer = resolve(b, query, expected);
        if (!answer.answered(expected)) {
            add(Check.fail(name, answer.describe() + " (expected " + expected + ")", Symptom.NO_MAGICDNS.cause(features)));
            return;
        }
        add(Check.pass(name, answer.describe()));
    }

    private HarnessOutput.Resolution resolve(Node node, String query, String expected)
            throws EnvironmentException, InterruptedException {
        var deadline = Instant.now().plus(STEP_TIMEOUT);
        HarnessOutput.Resolution answer;
        do {
            // asked the way a router behind node B asks: from outside, through B's LAN address (the
            // container's own queries to 100.100.100.100 are answered only by netstack)
            answer = HarnessOutput.resolution(net.harness(net.control(), "resolve", "-server",
                    Topology.MAGIC_DNS_ADDRESS, "-timeout", "2s", query).lines());
            if (answer.answered(expected)) {
                break;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        return answer;
    }

    /**
     * A node with only TS_LOGIN_SERVER and TS_HOSTNAME: 'tailscale up' prints the login URL to the
     * log and waits; once someone opens the URL, it reports success. This is what needs ipnbus.
     */
    private Node interactiveLogin() throws EnvironmentException, InterruptedException {
        var name = "tailscale up waits for the login";
        var c = net.node("node-c", 13, Map.of("TS_HOSTNAME", "node-c", "TS_LOGIN_SERVER", Topology.interactiveUrl()),
                false, false);
        var deadline = Instant.now().plus(STEP_TIMEOUT);
        String url = "";
        String logs = "";
        while (url.isEmpty() && Instant.now().isBefore(deadline)) {
            logs = String.join("\n", net.logs(c.container(), null, null));
            url = loginUrl(logs);
            if (url.isEmpty() && (logs.contains("not waiting for completion") || logs.contains("entrypoint: logged in"))) {
                break;
            }
            Thread.sleep(300);
        }
        if (url.isEmpty()) {
            add(Check.fail(name, "no login URL in the log: " + lastEntrypointLines(logs),
                    logs.contains("access denied") ? Symptom.ACCESS_DENIED.cause(features)
                            : Symptom.UP_DOES_NOT_WAIT.cause(features)));
            return c;
        }
        // Still waiting a moment later: nothing has logged in.
        Thread.sleep(2000);
        logs = String.join("\n", net.logs(c.container(), null, null));
        if (logs.contains("entrypoint: logged in") || net.status(c).running()) {
            add(Check.fail(name, "printed " + url + " but did not wait for it", Symptom.UP_DOES_NOT_WAIT.cause(features)));
            return c;
        }
        var visited = Instant.now();
        var visit = net.harness(c.container(), "visit", url);
        var reading = awaitRunning(c, Instant.now().plus(STEP_TIMEOUT));
        var done = awaitLog(c, "entrypoint: logged in", Instant.now().plus(Duration.ofSeconds(10)));
        double seconds = Duration.between(visited, Instant.now()).toMillis() / 1000.0;
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
        var matcher = java.util.regex.Pattern.compile("(http://\\S+/auth/[0-9a-f]+)").matcher(logs);
        return matcher.find() ? matcher.group(1) : "";
    }

    private boolean awaitLog(Node node, String text, Instant deadline) throws EnvironmentException, InterruptedException {
        do {
            if (net.logs(node.container(), null, null).stream().anyMatch(l -> l.contains(text))) {
                return true;
            }
            Thread.sleep(300);
        } while (Instant.now().isBefore(deadline));
        return false;
    }

    /**
     * The window: peers come and go (node C leaves, node D joins and leaves twice) while node B
     * keeps using the subnet. Node A's volume is watched the whole time and the nodes' logs
     * counted: only the state file may be written, and no verbose line may reach the log.
     */
    private void flashAndLogs(Node a, Node b, Node c, String watcher) throws EnvironmentException, InterruptedException {
        listener.info("Window of " + window.toSeconds() + " s: peers coming and going, node-a's volume watched ...");
        var from = Instant.now();
        var end = from.plus(window);
        net.remove(c);
        int cycle = 0;
        Node d = null;
        var quarter = window.dividedBy(4);
        var next = from;
        while (Instant.now().isBefore(end)) {
            if (!Instant.now().isBefore(next)) {
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
            var left = Duration.between(Instant.now(), end);
            Thread.sleep(Math.max(0, Math.min(5000, Math.min(left.toMillis(), Duration.between(Instant.now(), next)
                    .toMillis()))));
        }
        if (d != null) {
            net.remove(d);
        }
        var to = Instant.now();
        var watch = net.stopWatching(watcher);
        var stateFile = net.layout().stateFile();
        var writes = FlashWrites.assess(stateFile, from, to, HarnessOutput.changes(watch),
                HarnessOutput.snapshot(watch, "after"));
        figure("windowSeconds", Duration.between(from, to).toMillis() / 1000.0, "s",
                "the window: " + cycle + " peers joined and left, node-c left");
        figure("flash.bytesPerMinute", writes.bytesPerMinute(), "bytes/min", "written to node-a's volume in the window");
        figure("flash.writes", writes.fileWrites(), "files", "files written (closed) in node-a's volume in the window");
        if (!writes.beforeWindow().isEmpty()) {
            notes.add("Written to node-a's volume at its first login (before the window): "
                    + String.join(", ", writes.beforeWindow()) + ".");
        }
        var others = writes.otherFiles(stateFile);
        if (!others.isEmpty()) {
            notes.add("Besides " + stateFile + ", node-a's volume holds: " + String.join(", ", others)
                    + ". derpmap.cached.json is tailscaled's copy of the DERP map for DNS fallback; it is rewritten"
                    + " only when the control server sends a different DERP map.");
        }
        if (writes.passed()) {
            add(Check.pass("flash writes", writes.describe(stateFile)));
        } else {
            add(Check.fail("flash writes", writes.describe(stateFile), Symptom.OTHER_FLASH_WRITES.cause(features)));
        }
        for (var node : List.of(a, b)) {
            var noise = LogNoise.count(node.name(), Duration.between(from, to), net.logs(node.container(), from, to));
            figure("logLinesPerMinute." + node.name(), noise.linesPerMinute(), "lines/min",
                    "container log lines in the window (default verbosity)");
            if (noise.verboseLines() > 0) {
                add(Check.fail("log noise " + node.name(), noise.describe() + ", e.g. "
                        + PlatformSmoke.oneLine(noise.verboseSamples().get(0)), Symptom.VERBOSE_LOG.cause(features)));
            } else {
                add(Check.pass("log noise " + node.name(), noise.describe()));
            }
        }
    }

    /** Node A stops (SIGTERM) and starts again: same node, no new login, back on the tailnet. */
    private void restart(Node a, TailscaleStatus before) throws EnvironmentException, InterruptedException {
        var name = "restart keeps the node";
        var stopped = net.stop(a, STOP_GRACE_SECONDS);
        var state = net.state(a.container());
        var restartedAt = Instant.now();
        net.startAgain(a);
        var reading = awaitRunning(a, restartedAt.plus(JOIN_TIMEOUT));
        double running = Duration.between(restartedAt, Instant.now()).toMillis() / 1000.0;
        var logs = net.logs(a.container(), restartedAt, null);
        figure("restart.stopSeconds", stopped.toMillis() / 1000.0, "s", "docker stop of node-a (SIGTERM)");
        var exitCode = state.split(" ").length > 1 ? state.split(" ")[1] : "?";
        if (stopped.toSeconds() >= STOP_GRACE_SECONDS - 1 || !exitCode.equals("0")) {
            add(Check.fail("clean stop", String.format(Locale.ROOT, "stop took %.1f s, exit code %s",
                    stopped.toMillis() / 1000.0, exitCode), Symptom.SIGNAL_LOST.cause(features)));
        } else {
            add(Check.pass("clean stop", String.format(Locale.ROOT, "SIGTERM reached tailscaled: stopped in %.1f s,"
                    + " exit code 0", stopped.toMillis() / 1000.0)));
        }
        if (!reading.running()) {
            add(Check.fail(name, "not running " + JOIN_TIMEOUT.toSeconds() + " s after the restart: "
                    + PlatformSmoke.oneLine(reading.output()), Symptom.STATE_LOST.cause(features)));
            return;
        }
        var after = reading.status().orElseThrow();
        boolean sameNode = after.self().id().equals(before.self().id())
                && after.self().publicKey().equals(before.self().publicKey())
                && after.self().addresses().equals(before.self().addresses());
        boolean loggedInAgain = logs.stream().anyMatch(l -> l.contains("entrypoint: logging in"));
        if (!sameNode || loggedInAgain) {
            add(Check.fail(name, "before " + before.self().id() + " " + before.self().addresses() + ", after "
                    + after.self().id() + " " + after.self().addresses() + (loggedInAgain ? ", logged in again" : ""),
                    Symptom.STATE_LOST.cause(features)));
            return;
        }
        figure("restart.runningSeconds", running, "s", "from docker start of node-a to Running again");
        add(Check.pass(name, String.format(Locale.ROOT, "same node %s %s, no new login, Running %.1f s after the start",
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
            notes.add("node-b reached " + Topology.INTERNET_HOST + " before using the exit node: the exit-node check"
                    + " proves less than it should.");
        }
        var since = Instant.now();
        var set = net.tailscale(b, "set", "--exit-node=" + statusA.self().ipv4());
        if (!set.ok()) {
            add(Check.fail(name, "tailscale set --exit-node: " + PlatformSmoke.oneLine(set.text()),
                    set.text().contains("access denied") ? Symptom.ACCESS_DENIED.cause(features)
                            : Symptom.NO_EXIT_NODE.cause(features)));
            return;
        }
        var ping = retryPing(b, Topology.INTERNET_HOST, 10);
        if (ping.received() == 0) {
            add(Check.fail(name, Topology.INTERNET_HOST + " through node-a: " + ping.describe(), crashed(a, b, since)
                    ? Symptom.EXIT_NODE_CRASH.cause(features) : Symptom.NO_EXIT_NODE.cause(features)));
        } else {
            figure("exitNodeRttMs.median", ping.medianMs(), "ms", "ping node-b -> upstream host through exit node node-a");
            add(Check.pass(name, Topology.INTERNET_HOST + " through node-a: " + ping.describe()));
        }
        var answer = resolve(b, Topology.PRIVATE_NAME, Topology.INTERNET_HOST);
        var testHostLog = String.join("\n", net.logs(net.testHost(), since, null));
        if (!answer.answered(Topology.INTERNET_HOST)) {
            add(Check.fail("exit node dns", answer.describe(), crashed(a, b, since)
                    ? Symptom.EXIT_NODE_CRASH.cause(features) : Symptom.NO_EXIT_NODE_DNS.cause(features)));
        } else if (!testHostLog.contains(Topology.SUBNET_ROUTER_ADDRESS)) {
            add(Check.fail("exit node dns", answer.describe() + ", but the DNS server behind node-a saw no query from it",
                    Symptom.NO_EXIT_NODE_DNS.cause(features)));
        } else {
            add(Check.pass("exit node dns", answer.describe() + ", asked by node-a on node-b's behalf"));
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
        boolean up = states.values().stream().allMatch(s -> s.startsWith("true ") && s.endsWith(" 0"));
        if (!up || !panics.isEmpty()) {
            add(Check.fail("daemons alive", "running/exit code/restarts " + states + (panics.isEmpty() ? ""
                    : "; " + String.join("; ", panics)), Symptom.EXIT_NODE_CRASH.cause(features)));
        } else {
            add(Check.pass("daemons alive", "node-a and node-b still running, no panic in their logs"));
        }
    }
}
