package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One measurement of the smoke topology's load phase with one set of environment variables for
 * both daemons: a fresh tailnet (control server, test host, node A as subnet router and exit node,
 * node B), B blasting TCP through A's subnet route, then through A as exit node, while both
 * daemons' memory is sampled from the host and their CPU time read from {@code /proc/<pid>/stat}.
 */
final class LoadMeasurement {

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);
    private static final double CLOCK_TICKS = 100.0; // USER_HZ on Linux

    private final DockerCli docker;
    private final String image;
    private final Path harness;
    private final Progress listener;
    private final Duration phase;

    LoadMeasurement(DockerCli docker, String image, Path harness, Progress listener, Duration phase) {
        this.docker = docker;
        this.image = image;
        this.harness = harness;
        this.listener = listener;
        this.phase = phase;
    }

    /** What one node showed under load. */
    record NodeResult(double peakRssMb, double cpuPercent, GcTrace gc) {}

    /** Both nodes and both paths' throughput; {@code error} non-empty when the traffic did not flow. */
    record Result(Map<String, String> environment, NodeResult a, NodeResult b, double subnetMbit, double exitMbit,
            String error) {}

    Result measure(Map<String, String> environment) throws EnvironmentException, InterruptedException {
        var run = "tailscale-bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
        var layout = ImageLayout.parse(docker.require("read the config of " + image, "image", "inspect", "--format",
                "{{json .Config}}", image).text());
        try (var net = new Tailnet(docker, run, image, layout, listener)) {
            net.start(harness);
            var a = net.node("node-a", 11, env(environment, "TS_ROUTES", Topology.SUBNET, "TS_HOSTNAME", "node-a",
                    "TS_EXTRA_ARGS", "--advertise-exit-node"), false, true);
            var b = net.node("node-b", Topology.NODE_B, env(environment, "TS_HOSTNAME", "node-b", "TS_EXTRA_ARGS",
                    "--accept-routes"), false, false);
            var statusA = awaitRunning(net, a);
            awaitRunning(net, b);
            var deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (net.status(b).status().flatMap(s -> s.peer("node-a"))
                    .filter(p -> p.primaryRoutes().contains(Topology.SUBNET)).isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    return failed(environment, "node-b never got node-a's subnet route");
                }
                Thread.sleep(300);
            }
            net.tailscale(b, "set", "--exit-node=" + statusA.self().ipv4(), "--exit-node-allow-lan-access");
            net.exec(net.testHost(), "sh", "-c", Tailnet.HARNESS + " sink -port " + LoadTest.SINK_PORT
                    + " >/dev/null 2>&1 &");
            Thread.sleep(1000);
            // a short blast first: the paths are set up and the first handshakes are not measured
            blast(net, b, Topology.TEST_HOST, "2s");
            blast(net, b, Topology.INTERNET_HOST, "2s");
            var containers = Map.of("a", net.pid(a.container()), "b", net.pid(b.container()));
            var probe = MemoryProbe.host();
            var daemons = new LinkedHashMap<String, Integer>();
            containers.forEach((key, pid) -> daemons.put(key, daemonPid(probe, pid)));
            var started = Instant.now();
            var sampler = MemorySampler.start(probe, containers, SAMPLE_EVERY, "bench-sampler");
            var cpuBefore = Map.of("a", cpuTicks(daemons.get("a")), "b", cpuTicks(daemons.get("b")));
            double subnet;
            double exit;
            Map<String, List<MemorySampler.Sample>> samples;
            try {
                subnet = blast(net, b, Topology.TEST_HOST, phase.toSeconds() + "s");
                exit = blast(net, b, Topology.INTERNET_HOST, phase.toSeconds() + "s");
            } finally {
                samples = sampler.stop();
            }
            double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            var until = Instant.now();
            var results = new LinkedHashMap<String, NodeResult>();
            for (var node : List.of(a, b)) {
                var key = node == a ? "a" : "b";
                double cpu = (cpuTicks(daemons.get(key)) - cpuBefore.get(key)) / CLOCK_TICKS / seconds * 100;
                var gc = GcTrace.parse(net.logs(node.container(), started, until));
                long peak = samples.get(key).stream().flatMap(sample -> sample.reading().daemon().stream())
                        .mapToLong(ProcessMemory::rss).max().orElse(0);
                results.put(key, new NodeResult(peak / 1e6, cpu, gc));
            }
            var error = subnet == 0 || exit == 0 ? "no traffic through " + (subnet == 0 ? "the subnet route" : "the exit node")
                    : "";
            return new Result(environment, results.get("a"), results.get("b"), subnet, exit, error);
        }
    }

    private static Result failed(Map<String, String> environment, String why) {
        var none = new NodeResult(0, 0, GcTrace.parse(List.of()));
        return new Result(environment, none, none, 0, 0, why);
    }

    private static Map<String, String> env(Map<String, String> tuning, String... pairs) {
        var env = new LinkedHashMap<>(tuning);
        env.put("TS_AUTHKEY", Tailnet.AUTH_KEY);
        env.put("TS_LOGIN_SERVER", Topology.controlUrl());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static TailscaleStatus awaitRunning(Tailnet net, Tailnet.Node node)
            throws EnvironmentException, InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            var reading = net.status(node);
            if (reading.running()) {
                return reading.status().orElseThrow();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new EnvironmentException(node.name() + " did not reach Running: " + reading.output(),
                        "See its log: docker logs " + node.container());
            }
            Thread.sleep(300);
        }
    }

    /** Mbit/s of one blast, 0 when nothing arrived. */
    private static double blast(Tailnet net, Tailnet.Node from, String address, String duration)
            throws EnvironmentException, InterruptedException {
        var result = net.harness(from.container(), "blast", "-duration", duration, address + ":" + LoadTest.SINK_PORT);
        return HarnessOutput.first(result.lines(), "blast").map(e -> e.path("mbitPerSecond").asDouble()).orElse(0.0);
    }

    /** utime + stime of a process, in clock ticks. */
    static long cpuTicks(int pid) {
        try {
            var stat = Files.readString(Path.of("/proc", pid + "/stat"));
            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The pid of the container's tailscaled (its first process may be the entrypoint's shell), -1 when none. */
    private static int daemonPid(MemoryProbe probe, int containerPid) {
        try {
            return probe.read(containerPid).daemon().map(ProcessMemory::pid).orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
