package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mikrotiktailscale.docker.ProcessExec;
import io.github.mikrotiktailscale.progress.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Long run of the smoke topology: every 30 s a peer leaves and a new one joins, and node B sends a
 * 5 s burst of TCP through node A (subnet route and exit node in turn), while both daemons' RSS is
 * read every 2 s. Fails when a daemon's curve is leak-shaped ({@link MemoryTrend}: the last two
 * minutes' median more than 5 MB above the first two minutes' and the second half still rising by
 * more than 0.5 MB a minute). Writes {@code target/bench/memory-soak.svg}. Heavy: hold the lock.
 *
 * <pre>
 * flock /tmp/tailscale-real-build.lock ./mvnw -pl tailscale-maven-plugin verify -Pbench \
 *     -Dtest=MemorySoakBenchmark -Dbench.soak=true [-Dbench.soakMinutes=10] \
 *     [-Dbench.image=mikrotik-tailscale-image:dev-amd64] [-Dbench.env=GOGC=100,GOMEMLIMIT=off]
 * </pre>
 */
class MemorySoakBenchmark {

    static final double EDGE_MINUTES = 2;
    static final double MAX_GROWTH_MB = 5;
    static final double MAX_SLOPE_MB_PER_MINUTE = 0.5;
    private static final Duration CYCLE = Duration.ofSeconds(30);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);

    @Test
    void noLeakShapedCurveUnderChurnAndBursts() throws Exception {
        assumeTrue(Boolean.getBoolean("bench.soak"), "heavy: run with -Dbench.soak=true under the machine's lock");
        var listener = Progress.to(line -> { });
        var docker = new DockerCli(new ProcessExec(), "docker");
        var image = System.getProperty("bench.image", "mikrotik-tailscale-image:dev-amd64");
        var minutes = Integer.getInteger("bench.soakMinutes", 10);
        var tuning = environment(System.getProperty("bench.env", ""));
        var harness = MemoryTuningBenchmark.harness(docker, listener);
        var run = "tailscale-soak-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
        var layout = ImageLayout.parse(docker.require("read the config of " + image, "image", "inspect", "--format",
                "{{json .Config}}", image).text());
        Map<String, List<MemoryTrend.Sample>> series;
        int bursts = 0;
        int silentBursts = 0;
        int peers = 0;
        try (var net = new Tailnet(docker, run, image, layout, listener)) {
            net.start(harness);
            var a = net.node("node-a", 11, env(tuning, "TS_ROUTES", Topology.SUBNET, "TS_HOSTNAME", "node-a",
                    "TS_EXTRA_ARGS", "--advertise-exit-node"), false, true);
            var b = net.node("node-b", Topology.NODE_B, env(tuning, "TS_HOSTNAME", "node-b", "TS_EXTRA_ARGS",
                    "--accept-routes"), false, false);
            var statusA = running(net, a);
            running(net, b);
            while (net.status(b).status().flatMap(s -> s.peer("node-a"))
                    .filter(p -> p.primaryRoutes().contains(Topology.SUBNET)).isEmpty()) {
                Thread.sleep(300);
            }
            net.tailscale(b, "set", "--exit-node=" + statusA.self().ipv4(), "--exit-node-allow-lan-access");
            net.exec(net.testHost(), "sh", "-c", Tailnet.HARNESS + " sink -port " + LoadTest.SINK_PORT
                    + " >/dev/null 2>&1 &");
            var sampler = MemorySampler.start(MemoryProbe.host(),
                    Map.of("node-a", net.pid(a.container()), "node-b", net.pid(b.container())), SAMPLE_EVERY,
                    "soak-sampler");
            var end = sampler.started().plus(Duration.ofMinutes(minutes));
            MemoryTuningBenchmark.print("soak of %s for %d min (env %s), started %s", image, minutes, tuning,
                    sampler.started());
            Tailnet.Node peer = null;
            for (int cycle = 0; Instant.now().isBefore(end); cycle++) {
                var cycleEnd = Instant.now().plus(CYCLE);
                if (peer != null) {
                    net.remove(peer);
                }
                peer = net.node("peer-" + cycle, 13 + cycle % 2, env(tuning, "TS_HOSTNAME", "peer-" + cycle), false,
                        false);
                peers++;
                var target = cycle % 2 == 0 ? Topology.TEST_HOST : Topology.INTERNET_HOST;
                var result = net.harness(b.container(), "blast", "-duration", "5s", target + ":" + LoadTest.SINK_PORT);
                bursts++;
                if (HarnessOutput.first(result.lines(), "blast").map(e -> e.path("receivedBytes").asLong())
                        .orElse(0L) == 0) {
                    silentBursts++;
                }
                while (Instant.now().isBefore(cycleEnd) && Instant.now().isBefore(end)) {
                    Thread.sleep(500);
                }
            }
            series = rssCurves(sampler.stop());
        }
        var report = new StringBuilder();
        report.append(String.format("%d cycles: %d peers joined and left, %d bursts (%d without traffic)%n",
                bursts, peers, bursts, silentBursts));
        report.append("| node | minute medians (MB) | highest | verdict |\n|---|---|---:|---|\n");
        var trends = new LinkedHashMap<String, MemoryTrend>();
        for (var entry : series.entrySet()) {
            var trend = MemoryTrend.of(entry.getValue(), EDGE_MINUTES, MAX_GROWTH_MB, MAX_SLOPE_MB_PER_MINUTE);
            trends.put(entry.getKey(), trend);
            report.append("| ").append(entry.getKey()).append(" | ").append(minuteMedians(entry.getValue()))
                    .append(" | ").append(String.format("%.1f", entry.getValue().stream()
                            .mapToDouble(MemoryTrend.Sample::megabytes).max().orElse(0)))
                    .append(" | ").append(trend.describe()).append(" |\n");
        }
        MemoryTuningBenchmark.print("%s", report);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "memory-soak.md"), report);
        var csv = new StringBuilder("node,seconds,rssMb\n");
        series.forEach((node, samples) -> samples.forEach(sample -> csv.append(String.format(java.util.Locale.ROOT,
                "%s,%.1f,%.2f%n", node, sample.seconds(), sample.megabytes()))));
        Files.writeString(Path.of("target", "bench", "memory-soak.csv"), csv);
        Files.writeString(Path.of("target", "bench", "memory-soak.svg"), MemoryChart.svg(
                "tailscaled RSS, " + minutes + " min soak (" + (tuning.isEmpty() ? "image defaults" : tuning) + ")",
                series));
        assertThat(silentBursts).as("bursts that moved no traffic").isZero();
        assertThat(trends.values()).as("leak-shaped curves").noneMatch(MemoryTrend::leak);
    }

    private static String minuteMedians(List<MemoryTrend.Sample> samples) {
        var out = new ArrayList<String>();
        for (int minute = 0; ; minute++) {
            int m = minute;
            var values = samples.stream().filter(s -> s.seconds() >= m * 60 && s.seconds() < (m + 1) * 60)
                    .mapToDouble(MemoryTrend.Sample::megabytes).toArray();
            if (values.length == 0) {
                return String.join(" ", out);
            }
            out.add(String.format("%.0f", MemoryTrend.median(values)));
        }
    }

    static Map<String, String> environment(String text) {
        var env = new LinkedHashMap<String, String>();
        for (var pair : text.split(",")) {
            if (!pair.isBlank()) {
                var parts = pair.strip().split("=", 2);
                env.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return env;
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

    private static TailscaleStatus running(Tailnet net, Tailnet.Node node) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            var reading = net.status(node);
            if (reading.running()) {
                return reading.status().orElseThrow();
            }
            assertThat(Instant.now()).as(node.name() + " Running; last status: " + reading.output()).isBefore(deadline);
            Thread.sleep(300);
        }
    }

    /** Each daemon's RSS in MB against seconds since the start, the nodes in name order. */
    private static Map<String, List<MemoryTrend.Sample>> rssCurves(Map<String, List<MemorySampler.Sample>> samples) {
        var curves = new TreeMap<String, List<MemoryTrend.Sample>>();
        samples.forEach((node, list) -> curves.put(node, list.stream()
                .flatMap(sample -> sample.reading().daemon().stream()
                        .map(d -> new MemoryTrend.Sample(sample.at().toMillis() / 1000.0, d.rss() / 1e6)))
                .toList()));
        return new LinkedHashMap<>(curves);
    }
}
