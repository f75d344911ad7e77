package io.github.mikrotiktailscale.smoke;

/**
 * One thing the smoke run verified.
 *
 * @param name short and stable, for reports and tests ({@code magicdns}, {@code version linux/arm64})
 * @param detail what was seen: figures on success, the evidence on failure
 * @param cause on failure, the feature or setting that most likely explains it; empty on success
 */
public record Check(String name, boolean passed, String detail, String cause) {

    public static Check pass(String name, String detail) {
        return new Check(name, true, detail, "");
    }

    public static Check fail(String name, String detail, String cause) {
        return new Check(name, false, detail, cause);
    }

    /** One line for the log: {@code ok   magicdns: ...} or {@code FAIL magicdns: ... -> cause}. */
    public String line() {
        return (passed ? "ok   " : "FAIL ") + name + ": " + detail + (passed || cause.isEmpty() ? "" : " -> " + cause);
    }
}
