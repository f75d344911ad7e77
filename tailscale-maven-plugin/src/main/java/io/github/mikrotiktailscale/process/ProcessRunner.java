package io.github.mikrotiktailscale.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Starts one program (no shell, arguments as they are), feeds it its input, streams its output
 * line by line and stops it, with everything it started, when it runs past its limit or when the
 * calling thread is interrupted (Maven was stopped).
 */
public final class ProcessRunner {

    /** After the program exits, how long its output may still take to drain (a child it left may hold the pipe). */
    private static final long DRAIN_MILLIS = 5_000;

    private ProcessRunner() {}

    /**
     * @param stdin what the program reads, then end of input; {@code null} for no input at all
     * @param stderr where standard error lines go; {@code null} merges them into {@code stdout}
     * @return the exit code
     * @throws ProcessTimedOut when the limit was reached (the program has then been stopped)
     * @throws IOException when the program cannot be started (not found, not executable)
     */
    public static int run(List<String> command, Path directory, Map<String, String> environment, byte[] stdin,
            ProcessLimit limit, Consumer<String> stdout, Consumer<String> stderr) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).redirectErrorStream(stderr == null);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        var process = builder.start();
        var lastOutput = new AtomicLong(System.nanoTime());
        var failure = new AtomicReference<RuntimeException>();
        var out = pump(process.getInputStream(), stdout, lastOutput, failure, "stdout of " + ProcessTimedOut.name(command));
        var err = stderr == null ? null
                : pump(process.getErrorStream(), stderr, lastOutput, failure, "stderr of " + ProcessTimedOut.name(command));
        feed(process, stdin);
        long started = System.nanoTime();
        long limitNanos = limit.duration().toNanos();
        long poll = Math.max(10, Math.min(200, limit.duration().toMillis() / 10));
        try {
            while (!process.waitFor(poll, TimeUnit.MILLISECONDS)) {
                long since = limit.silence() ? lastOutput.get() : started;
                if (System.nanoTime() - since > limitNanos) {
                    stop(process);
                    throw new ProcessTimedOut(command, limit);
                }
            }
            out.join(DRAIN_MILLIS);
            if (err != null) {
                err.join(DRAIN_MILLIS);
            }
        } catch (InterruptedException e) {
            stop(process);
            throw e;
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return process.exitValue();
    }

    /**
     * Reads one stream on a thread of its own. A consumer that throws gets no more lines, but the
     * stream is still drained (a full pipe would block the program) and the caller gets the exception.
     */
    private static Thread pump(InputStream stream, Consumer<String> lines, AtomicLong lastOutput,
            AtomicReference<RuntimeException> failure, String name) {
        var thread = new Thread(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lastOutput.set(System.nanoTime());
                    if (failure.get() == null) {
                        try {
                            lines.accept(line);
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                }
            } catch (IOException e) {
                // The program was stopped while it wrote: its exit code or the timeout says why.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void feed(Process process, byte[] stdin) {
        var input = process.getOutputStream();
        try (input) {
            if (stdin != null) {
                input.write(stdin);
            }
        } catch (IOException e) {
            // A program that exits without reading its input closes the pipe: that is its answer.
        }
    }

    /** Stops the program and whatever it started (git's remote helpers, a shell's children). */
    private static void stop(Process process) throws InterruptedException {
        var started = process.descendants().toList(); // before the parent goes and they are re-parented
        process.destroyForcibly();
        started.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
