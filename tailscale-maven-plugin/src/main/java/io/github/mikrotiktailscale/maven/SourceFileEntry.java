package io.github.mikrotiktailscale.maven;

import java.io.File;

/**
 * {@code <sourceFile><file>src/tailscale/logfilter.go</file><target>cmd/tailscaled/logfilter.go</target>
 * <reason>why</reason></sourceFile>}
 */
public class SourceFileEntry {

    /** The file in this project. */
    private File file;

    /** Where it goes in Tailscale's source tree, relative to its root. */
    private String target;

    /** One line saying why. */
    private String reason;

    public File getFile() {
        return file;
    }

    public String getTarget() {
        return target;
    }

    public String getReason() {
        return reason;
    }

    /** What it does in place of a feature the router otherwise needs (magicdns, raw-inject); optional. */
    private String provides;

    public String getProvides() {
        return provides;
    }
}
