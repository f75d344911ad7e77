package io.github.mikrotiktailscale.progress;

import java.util.function.Consumer;

/**
 * Where the core reports what it is doing, for builds, smoke runs and releases alike; the Maven
 * side routes it to the log.
 */
public interface Progress {

    /** A status line a person wants to see: a step, its outcome, a long step still running. */
    void info(String line);

    /** Tool output: buildx lines, docker commands, container logs. */
    void debug(String line);

    void warn(String line);

    /** The output of a failed step, shown in full. */
    void error(String line);

    /** Everything to one consumer (tests, simple callers). */
    static Progress to(Consumer<String> lines) {
        return new Progress() {
            @Override
            public void info(String line) {
                lines.accept(line);
            }

            @Override
            public void debug(String line) {
                lines.accept(line);
            }

            @Override
            public void warn(String line) {
                lines.accept(line);
            }

            @Override
            public void error(String line) {
                lines.accept(line);
            }
        };
    }
}
