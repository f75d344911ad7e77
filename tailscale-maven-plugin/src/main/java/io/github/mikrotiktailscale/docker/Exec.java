package io.github.mikrotiktailscale.docker;

import io.github.mikrotiktailscale.process.ProcessLimit;
import io.github.mikrotiktailscale.process.ProcessTimedOut;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a command line and streams its output, line by line. The seam between the core and the
 * processes it starts: tests of command lines use a fake, end-to-end tests the real thing.
 */
public interface Exec {

    /**
     * Runs {@code command} in {@code directory} with {@code environment} added to this process's
     * environment; every output line (stdout and stderr, merged) goes to {@code lines} as it comes.
     * The program is stopped when it prints nothing for a long time (builds report progress).
     *
     * @return the exit code
     * @throws ProcessTimedOut when it had to be stopped
     * @throws IOException when the program cannot be started at all (not found, not executable)
     */
    int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines)
            throws IOException, InterruptedException;

    /**
     * As {@link #run(List, Path, Map, Consumer)}, stopped at {@code limit}: for programs that should
     * answer quickly. Fakes that do not care about time need not implement it.
     */
    default int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines,
            ProcessLimit limit) throws IOException, InterruptedException {
        return run(command, directory, environment, lines);
    }

    /**
     * Runs {@code command} with {@code stdin} as its input and keeps standard output and standard
     * error apart: for programs whose output is parsed (credential helpers answer JSON on stdout and
     * may chat on stderr). Fakes that never run such programs need not implement it.
     */
    default Captured capture(List<String> command, Map<String, String> environment, String stdin, ProcessLimit limit)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot capture " + command);
    }

    /** What a program printed, stream by stream, and how it exited. */
    record Captured(int exitCode, String stdout, String stderr) {

        public static Captured of(int exitCode, List<String> stdout, List<String> stderr) {
            return new Captured(exitCode, String.join("\n", stdout), String.join("\n", stderr));
        }
    }
}
