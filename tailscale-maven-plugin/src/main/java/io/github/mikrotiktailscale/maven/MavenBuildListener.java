package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.build.BuildListener;
import org.apache.maven.plugin.logging.Log;

/** Routes build progress to Maven's log. */
final class MavenBuildListener implements BuildListener {

    private final Log log;

    MavenBuildListener(Log log) {
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
