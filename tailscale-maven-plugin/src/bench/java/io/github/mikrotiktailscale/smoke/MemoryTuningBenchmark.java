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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Daemon memory under load for each Go runtime setting (GOGC, GOMEMLIMIT, Tailscale's env knobs):
 * the smoke topology's load phase once per setting and round, settings interleaved (A B C A B C)
 * so that the machine's noise shows as spread. Not a test; heavy (hold the machine's lock):
 *
 * <pre>
 * flock /tmp/tailscale-real-build.lock ./mvnw -pl tailscale-maven-plugin verify -Pbench \
 *     -Dtest=MemoryTuningBenchmark -Dbench.memory=true [-Dbench.rounds=3] [-Dbench.phaseSeconds=10] \
 *     [-Dbench.image=mikrotik-tailscale-image:dev-amd64] [-Dbench.harness=PATH] \
 *     [-Dbench.settings='untuned;GOGC=50;GOMEMLIMIT=48MiB,GOGC=50']
 * </pre>
 *
 * Every setting is complete (GOGC=100 and GOMEMLIMIT=off unless it says otherwise), so an image
 * whose entrypoint sets defaults is measured the same way. GODEBUG=gctrace=1 in every run.
 */
class MemoryTuningBenchmark {

    static final String DEFAULT_SETTINGS = "untuned;GOGC=50;GOGC=25;GOMEMLIMIT=64MiB;GOMEMLIMIT=48MiB;"
            + "GOMEMLIMIT=32MiB;GOMEMLIMIT=48MiB,GOGC=50;TS_TUN_DISABLE_TCP_GRO=true";
    /** The default image's tailscaled unpacked (amd64, v1.102.5): RSS minus this is the heap part. */
    static final double UNPACKED_MB = Double.parseDouble(System.getProperty("bench.unpackedMb", "14.54"));

    @Test
    void memoryUnderLoadPerSetting() throws Exception {
        assumeTrue(Boolean.getBoolean("bench.memory"), "heavy: run with -Dbench.memory=true under the machine's lock");
        var listener = Progress.to(line -> { });
        var docker = new DockerCli(new ProcessExec(), "docker");
        var image = System.getProperty("bench.image", "mikrotik-tailscale-image:dev-amd64");
        var harness = harness(docker, listener);
        int rounds = Integer.getInteger("bench.rounds", 3);
        var phase = Duration.ofSeconds(Integer.getInteger("bench.phaseSeconds", 10));
        var settings = settings(System.getProperty("bench.settings", DEFAULT_SETTINGS));
        var measurement = new LoadMeasurement(docker, image, harness, listener, phase);
        var results = new LinkedHashMap<String, List<LoadMeasurement.Result>>();
        print("%s, %d rounds of %d settings, %d s per path, started %s", image, rounds, settings.size(),
                phase.toSeconds(), Instant.now());
        for (int round = 1; round <= rounds; round++) {
            for (var setting : settings.entrySet()) {
                var env = new LinkedHashMap<>(setting.getValue());
                env.put("GODEBUG", "gctrace=1");
                var result = measurement.measure(env);
                results.computeIfAbsent(setting.getKey(), k -> new ArrayList<>()).add(result);
                print("round %d %-28s A %6.1f MB (gc start %3d live %3d goal %3d, %3.0f%% CPU)  B %6.1f MB"
                        + " (gc start %3d live %3d, %3.0f%% CPU)  %5.0f / %5.0f Mbit/s %s", round, setting.getKey(),
                        result.a().peakRssMb(), result.a().gc().maxHeapAtStart(), result.a().gc().maxLive(),
                        result.a().gc().maxGoal(), result.a().cpuPercent(), result.b().peakRssMb(),
                        result.b().gc().maxHeapAtStart(), result.b().gc().maxLive(), result.b().cpuPercent(),
                        result.subnetMbit(), result.exitMbit(), result.error());
            }
        }
        var table = table(results);
        print("%s", table);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "memory-tuning.md"), table);
        assertThat(results.values().stream().flatMap(List::stream).filter(r -> !r.error().isEmpty()))
                .as("measurements whose traffic did not flow").isEmpty();
    }

    /** {@code untuned;GOGC=50;GOMEMLIMIT=48MiB,GOGC=50}: each complete with the Go defaults. */
    static Map<String, Map<String, String>> settings(String text) {
        var settings = new LinkedHashMap<String, Map<String, String>>();
        for (var setting : text.split(";")) {
            var env = new LinkedHashMap<String, String>(Map.of("GOGC", "100", "GOMEMLIMIT", "off"));
            if (!setting.strip().equals("untuned")) {
                for (var pair : setting.split(",")) {
                    var parts = pair.strip().split("=", 2);
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("bench.settings: '" + pair + "' is not NAME=VALUE;"
                                + " write e.g. 'untuned;GOGC=50;GOMEMLIMIT=48MiB,GOGC=50'");
                    }
                    env.put(parts[0], parts[1]);
                }
            }
            settings.put(setting.strip(), env);
        }
        return settings;
    }

    static String table(Map<String, List<LoadMeasurement.Result>> results) {
        var out = new StringBuilder();
        out.append("| setting | runs | node A RSS | A heap part | A live after GC | node B RSS | B heap part"
                + " | subnet Mbit/s | exit Mbit/s | A CPU % | B CPU % |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var entry : results.entrySet()) {
            var runs = entry.getValue();
            out.append("| ").append(entry.getKey()).append(" | ").append(runs.size())
                    .append(" | ").append(spread(runs, r -> r.a().peakRssMb()))
                    .append(" | ").append(spread(runs, r -> r.a().peakRssMb() - UNPACKED_MB))
                    .append(" | ").append(spread(runs, r -> r.a().gc().maxLive()))
                    .append(" | ").append(spread(runs, r -> r.b().peakRssMb()))
                    .append(" | ").append(spread(runs, r -> r.b().peakRssMb() - UNPACKED_MB))
                    .append(" | ").append(spread(runs, LoadMeasurement.Result::subnetMbit))
                    .append(" | ").append(spread(runs, LoadMeasurement.Result::exitMbit))
                    .append(" | ").append(spread(runs, r -> r.a().cpuPercent()))
                    .append(" | ").append(spread(runs, r -> r.b().cpuPercent())).append(" |\n");
        }
        out.append("\nMedian (lowest–highest). RSS: the daemon's highest VmRSS, sampled every 100 ms; heap part:"
                + " RSS minus the unpacked binary (").append(UNPACKED_MB).append(" MB); live after GC: the largest"
                + " heap gctrace reported still live after a collection (MB); CPU: the daemon's user+system time"
                + " over the load, % of one core.\n");
        return out.toString();
    }

    /** {@code 64.2 (60.1–70.3)}; only the median for a single run. */
    static String spread(List<LoadMeasurement.Result> runs, ToDoubleFunction<LoadMeasurement.Result> value) {
        var values = runs.stream().mapToDouble(value).sorted().toArray();
        double median = values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        if (values.length == 1) {
            return String.format(Locale.ROOT, "%.0f", median);
        }
        return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", median, values[0], values[values.length - 1]);
    }

    static Path harness(DockerCli docker, Progress listener) throws Exception {
        var given = System.getProperty("bench.harness", "");
        if (!given.isBlank()) {
            return Path.of(given);
        }
        var goEnvironment = new LinkedHashMap<String, String>();
        for (var name : Arrays.asList("GOPROXY", "GONOSUMDB", "GOFLAGS")) {
            var value = System.getenv(name);
            if (value != null) {
                goEnvironment.put(name, value);
            }
        }
        return HarnessBinary.ensure(docker, System.getProperty("bench.builderImage", "local/tailscale-builder:trixie"),
                goEnvironment, Path.of("target", "bench-work"), "tailscale-bench-harness-build",
                Tailnet.LABEL + "=bench", listener);
    }

    static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
