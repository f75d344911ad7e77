package io.github.mikrotiktailscale.maven;

import java.io.File;

/** {@code <patch><file>src/tailscale/fix.patch</file><reason>why</reason></patch>} */
public class PatchEntry {

    /** A unified diff against the root of Tailscale's source tree ({@code git diff} format). */
    private File file;

    /** One line saying what it fixes. */
    private String reason;

    public File getFile() {
        return file;
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
