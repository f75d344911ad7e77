package io.github.mikrotiktailscale.docker;

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
     *
     * @return the exit code
     * @throws IOException when the program cannot be started at all (not found, not executable)
     */
    int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines)
            throws IOException, InterruptedException;
}
