package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;

/** How the next release tag is chosen. */
public enum TagMode {
    /** mt.1 for a Tailscale version without a release; reuse a tag HEAD already has; refuse otherwise. */
    DEFAULT,
    /** The next mt.N on the current Tailscale version: a deliberate fix release. */
    NEXT_REVISION,
    /** What CI runs on every push: mt.1 when the Tailscale version is new, otherwise nothing, never mt.2+. */
    AUTOMATIC;

    /** The mode the {@code revision} and {@code autoTag} parameters ask for. */
    public static TagMode of(String revision, boolean autoTag) throws ConfigurationException {
        if (revision != null && !revision.isBlank() && !revision.trim().equals("next")) {
            throw new ConfigurationException(new Problem("revision", "'" + revision + "' is not a revision choice.",
                    "Use -Dtailscale.revision=next for the next mt.N, or leave it out."));
        }
        boolean next = revision != null && revision.trim().equals("next");
        if (next && autoTag) {
            throw new ConfigurationException(new Problem("autoTag", "automatic tagging never creates mt.2 or later,"
                    + " so it cannot be combined with revision=next.", "Use one or the other."));
        }
        return autoTag ? AUTOMATIC : next ? NEXT_REVISION : DEFAULT;
    }
}
