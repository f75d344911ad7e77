package io.github.mikrotiktailscale.smoke;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads containers' memory again and again on a thread of its own until stopped: the smoke run
 * keeps the highest while traffic flows or a CLI call runs, the memory benchmarks the peak under
 * load and the curve over a soak. Each reading carries when it was taken.
 */
final class MemorySampler {

    /** One reading of a container, taken {@code at} after the sampler started. */
    record Sample(Duration at, MemoryReading reading) {}

    private final Instant started = Instant.now();
    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private MemorySampler(MemoryProbe probe, Map<String, Integer> pids, Duration interval, String name) {
        pids.keySet().forEach(node -> samples.put(node, new ArrayList<>()));
        thread = new Thread(() -> {
            while (running.get()) {
                pids.forEach((node, pid) -> {
                    try {
                        var reading = probe.read(pid);
                        var sample = new Sample(Duration.between(started, Instant.now()), reading);
                        synchronized (samples) {
                            samples.get(node).add(sample);
                        }
                    } catch (IOException e) {
                        // the container went away: its samples end here
                    }
                });
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        thread.setDaemon(true);
    }

    /**
     * Starts reading each node's container (node name to the host pid of its first process) every
     * {@code interval}, the first time at once.
     */
    static MemorySampler start(MemoryProbe probe, Map<String, Integer> pids, Duration interval, String name) {
        var sampler = new MemorySampler(probe, pids, interval, name);
        sampler.thread.start();
        return sampler;
    }

    Instant started() {
        return started;
    }

    /** Stops reading and returns each node's samples, oldest first. */
    Map<String, List<Sample>> stop() throws InterruptedException {
        running.set(false);
        thread.join();
        synchronized (samples) {
            var copy = new LinkedHashMap<String, List<Sample>>();
            samples.forEach((node, list) -> copy.put(node, List.copyOf(list)));
            return copy;
        }
    }

    /** Each node's readings alone, oldest first. */
    static Map<String, List<MemoryReading>> readings(Map<String, List<Sample>> samples) {
        var readings = new LinkedHashMap<String, List<MemoryReading>>();
        samples.forEach((node, list) -> readings.put(node, list.stream().map(Sample::reading).toList()));
        return readings;
    }
}
