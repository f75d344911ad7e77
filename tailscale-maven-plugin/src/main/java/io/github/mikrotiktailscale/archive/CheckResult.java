package io.github.mikrotiktailscale.archive;

/** One check of the image against what the configuration asked for. */
public record CheckResult(String name, boolean passed, String detail) {

    static CheckResult pass(String name, String detail) {
        return new CheckResult(name, true, detail);
    }

    static CheckResult fail(String name, String detail) {
        return new CheckResult(name, false, detail);
    }

    public String describe() {
        return (passed ? "ok     " : "FAILED ") + name + ": " + detail;
    }
}
