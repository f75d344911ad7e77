package io.github.mikrotiktailscale.canary;

import java.util.ArrayList;
import java.util.List;

/**
 * What the canary found for one Tailscale release: what it checked and passed, each break, and
 * whether the real build ran. {@link #passed()} only when the bump would pass.
 *
 * @param stage {@code checks} (only the fast checks ran) or {@code build} (the real build ran too)
 * @param buildGo the Go the real build used or would use, empty when no obtainable Go fits
 */
public record CanaryReport(String tailscaleVersion, String pinnedVersion, String stage, List<String> passedChecks,
        List<Break> breaks, boolean buildRan, String buildGo, double fastCheckSeconds) {

    public CanaryReport {
        passedChecks = List.copyOf(passedChecks);
        breaks = List.copyOf(breaks);
        buildGo = buildGo == null ? "" : buildGo;
    }

    public boolean passed() {
        return breaks.isEmpty();
    }

    /** Whether the real build is worth running: nothing found so far makes it fail before it compiles. */
    public boolean buildWorthRunning() {
        return breaks.stream().noneMatch(Break::blocking) && !buildGo.isEmpty();
    }

    /** This report with the real build's results added. */
    public CanaryReport withBuild(List<Break> buildBreaks) {
        var all = new ArrayList<>(breaks);
        all.addAll(buildBreaks);
        var checks = new ArrayList<>(passedChecks);
        if (buildBreaks.isEmpty()) {
            checks.add("generate, build, verify-size and smoke of image-project at " + tailscaleVersion + " passed");
        }
        return new CanaryReport(tailscaleVersion, pinnedVersion, "build", checks, all, true, buildGo, fastCheckSeconds);
    }
}
