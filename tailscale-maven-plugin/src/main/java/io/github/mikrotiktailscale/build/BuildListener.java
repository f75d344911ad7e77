package io.github.mikrotiktailscale.build;

/** Where a build reports progress; the Maven side routes it to the log. */
public interface BuildListener {

    /** A status line a person wants to see: one per platform and step. */
    void info(String line);

    /** Tool output: buildx lines, prefixed with the platform. */
    void debug(String line);

    void warn(String line);

    /** The output of a failed step, shown in full. */
    void error(String line);
}
