package io.github.mikrotiktailscale.image;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image a build stage starts from, as written after {@code FROM}. Pinned by digest
 * ({@code name:tag@sha256:...}) it always means the same bytes; a bare tag can move.
 */
public record BaseImage(String reference) {

    private static final Pattern DIGEST = Pattern.compile(".+@sha256:[0-9a-f]{64}");
    /**
     * Lower-case name, tag and digest characters, plus buildx's platform arguments, which select a
     * per-platform local image: {@code ${TARGETARCH}${TARGETVARIANT}}, or {@code $TARGETARCH$TARGETVARIANT}
     * (the form to write in a pom, where Maven would try to expand {@code ${...}} itself).
     */
    private static final Pattern REFERENCE = Pattern.compile("[a-z0-9](?:[a-z0-9._\\-/:]"
            + "|\\$\\{(?:TARGETARCH|TARGETVARIANT|TARGETOS|BUILDARCH)}"
            + "|\\$(?:TARGETARCH|TARGETVARIANT|TARGETOS|BUILDARCH)(?![A-Za-z0-9_]))*(@sha256:[0-9a-fA-F]+)?");

    public BaseImage {
        Objects.requireNonNull(reference, "reference");
        reference = reference.trim();
    }

    public boolean digestPinned() {
        return DIGEST.matcher(reference).matches();
    }

    /** Whether the reference is shaped like an image reference at all. */
    public boolean wellFormed() {
        return REFERENCE.matcher(reference).matches();
    }

    /** The reference without its digest: {@code golang:1.26.3-alpine}. */
    public String withoutDigest() {
        int at = reference.indexOf('@');
        return at < 0 ? reference : reference.substring(0, at);
    }

    @Override
    public String toString() {
        return reference;
    }
}
