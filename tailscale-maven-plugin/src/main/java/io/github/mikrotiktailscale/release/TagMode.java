package io.github.mikrotiktailscale.release;

/** How the next release tag is chosen. */
public enum TagMode {
    /** mt.1 for a Tailscale version without a release; reuse a tag HEAD already has; refuse otherwise. */
    DEFAULT,
    /** The next mt.N on the current Tailscale version: a deliberate fix release. */
    NEXT_REVISION,
    /** What CI runs on every push: mt.1 when the Tailscale version is new, otherwise nothing, never mt.2+. */
    AUTOMATIC
}
