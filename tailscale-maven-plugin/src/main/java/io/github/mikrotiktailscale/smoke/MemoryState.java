package io.github.mikrotiktailscale.smoke;

/** When the smoke run reads a node's memory; the key is the second part of a memory figure's name. */
public enum MemoryState {
    LOGGED_OUT("loggedOut", "idle and logged out (the per-platform daemon check, 3 s after NeedsLogin)"),
    JOINED("joined", "just joined the tailnet, idle"),
    AFTER_CHURN("afterChurn", "after the window of peers coming and going"),
    UNDER_LOAD("underLoad", "highest of the samples while TCP traffic ran through node-a's subnet route, then"
            + " through its exit node"),
    CLI_PEAK("cliPeak", "highest while 'tailscale status --json' ran (the CLI unpacks its own copy of the binary)"),
    RUN_PEAK("runPeak", "highest since the container started (VmHWM, the cgroup's peak), CLI peaks excluded");

    private final String key;
    private final String what;

    MemoryState(String key, String what) {
        this.key = key;
        this.what = what;
    }

    public String key() {
        return key;
    }

    public String what() {
        return what;
    }
}
