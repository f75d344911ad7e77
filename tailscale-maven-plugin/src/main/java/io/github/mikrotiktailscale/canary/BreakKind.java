package io.github.mikrotiktailscale.canary;

/** What kind of thing stops a Tailscale bump; the report groups breaks by it. */
public enum BreakKind {
    GO_VERSION("Go version"),
    REFUSED_MODULE("module the proxy refuses"),
    CATALOGUE("feature catalogue"),
    FEATURE_GONE("chosen feature renamed or gone"),
    FEATURE_UNDECIDED("new feature not decided"),
    FEATURE_MISMATCH("features the build keeps differ from the plugin's"),
    PATCH("patch does not apply"),
    SOURCE_FILE("added source file"),
    COMPILE("compile error"),
    BUDGET("size budget exceeded"),
    SMOKE("smoke check failed"),
    BUILD("build failed"),
    UNCHECKED("could not check");

    private final String title;

    BreakKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
