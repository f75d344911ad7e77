package io.github.mikrotiktailscale.docker;

import java.util.List;

/** buildx output recorded on this project's machines, for tests in other packages. */
public final class BuildxTestLines {

    private BuildxTestLines() {}

    /** {@code docker buildx inspect tailscale-remote} with both nodes running. */
    public static List<String> twoNodes() {
        return BuildxTest.TWO_NODES_ONE_DOWN.stream().map(l -> l.replace("inactive", "running")).toList();
    }
}
