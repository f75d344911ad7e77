package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.progress.Progress;
import org.apache.maven.plugin.logging.Log;

/** Routes the core's progress lines (builds, smoke runs, releases) to Maven's log. */
final class MavenProgressLog implements Progress {

    private final Log log;

    MavenProgressLog(Log log) {
        this.log = log;
    }

    @Override
    public void info(String line) {
        log.info(line);
    }

    @Override
    public void debug(String line) {
        log.debug(line);
    }

    @Override
    public void warn(String line) {
        log.warn(line);
    }

    @Override
    public void error(String line) {
        log.error(line);
    }
}
