package io.github.mikrotiktailscale.smoke;

/** Where a smoke run reports progress; the Maven side routes it to the log. */
public interface SmokeListener {

    /** A step or a check's outcome. */
    void info(String line);

    /** Tool output: docker commands, the harness build, container logs. */
    void debug(String line);

    void warn(String line);
}
