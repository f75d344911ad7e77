package io.github.mikrotiktailscale.canary;

/**
 * One thing that stops the bump, named precisely.
 *
 * @param subject what broke: a module and version, a patch and hunk, a feature, a platform
 * @param detail what the canary saw
 * @param fix what to change
 * @param blocking whether the real build would certainly fail before it compiles (so it is not run)
 */
public record Break(BreakKind kind, String subject, String detail, String fix, boolean blocking) {

    public static Break blocking(BreakKind kind, String subject, String detail, String fix) {
        return new Break(kind, subject, detail, fix, true);
    }

    public static Break of(BreakKind kind, String subject, String detail, String fix) {
        return new Break(kind, subject, detail, fix, false);
    }
}
