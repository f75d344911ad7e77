package io.github.mikrotiktailscale.docker;

import io.github.mikrotiktailscale.process.ProcessLimit;
import io.github.mikrotiktailscale.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@link Exec} with the JDK's {@link ProcessBuilder}: no shell, arguments passed as they are. */
public final class ProcessExec implements Exec {

    /**
     * Without a limit of its own a program is stopped after this long without any output: a build
     * under QEMU may compile for an hour and more, but buildx reports each step as it ends.
     */
    public static final ProcessLimit DEFAULT_LIMIT = ProcessLimit.silence(Duration.ofHours(2));

    @Override
    public int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines)
            throws IOException, InterruptedException {
        return run(command, directory, environment, lines, DEFAULT_LIMIT);
    }

    @Override
    public int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines,
            ProcessLimit limit) throws IOException, InterruptedException {
        return ProcessRunner.run(command, directory, environment, null, limit, lines, null);
    }

    @Override
    public Captured capture(List<String> command, Map<String, String> environment, String stdin, ProcessLimit limit)
            throws IOException, InterruptedException {
        // synchronized: a child the program left behind may still write after the drain wait
        var out = Collections.synchronizedList(new ArrayList<String>());
        var err = Collections.synchronizedList(new ArrayList<String>());
        int code = ProcessRunner.run(command, null, environment,
                stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), limit, out::add, err::add);
        synchronized (out) {
            synchronized (err) {
                return Captured.of(code, List.copyOf(out), List.copyOf(err));
            }
        }
    }
}
