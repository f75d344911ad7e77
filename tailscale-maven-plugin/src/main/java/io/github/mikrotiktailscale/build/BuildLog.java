package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.progress.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One platform's build output: written to its log file as it comes (flushed line by line, so the
 * file can be followed), its tail kept to explain a failure, and, while it runs, BuildKit's current
 * step and the time so far reported at INFO every {@code interval}: a QEMU or Go step of many
 * minutes is never silent.
 */
final class BuildLog implements AutoCloseable {

    /** Lines of a failed build kept in memory to explain it; the whole log is in the file. */
    private static final int TAIL = 200;

    private final BufferedWriter file;
    private final String tag;
    private final Progress progress;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final BuildKitSteps steps = new BuildKitSteps();
    private final long started = System.nanoTime();
    private final ScheduledExecutorService ticker;

    BuildLog(Path path, String tag, Progress progress, Duration interval) throws IOException {
        this.file = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        this.tag = tag;
        this.progress = progress;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "build-progress " + tag.trim());
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One line of buildx output. */
    void line(String line) {
        progress.debug(tag + line);
        steps.accept(line, System.nanoTime());
        synchronized (tail) {
            if (tail.size() == TAIL) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
        write(line);
    }

    /** A line of our own: the command, say. */
    void write(String line) {
        try {
            synchronized (file) {
                file.write(line);
                file.write('\n');
                file.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /** The status line: time so far and the step BuildKit is on. */
    String status() {
        var now = System.nanoTime();
        return tag + "building for " + BuildKitSteps.duration(now - started) + ": "
                + steps.current(now).orElse("waiting for BuildKit's first step");
    }

    private void report() {
        progress.info(status());
    }

    @Override
    public void close() throws IOException {
        ticker.shutdownNow();
        synchronized (file) {
            file.close();
        }
    }
}
