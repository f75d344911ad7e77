package io.github.mikrotiktailscale.feature;

import java.util.Objects;

/**
 * The user's explicit acceptance that a feature the router image normally cannot do without is
 * left out, with the reason. Without it, leaving such a feature out fails the build.
 */
public record AcceptedOmission(String name, String reason) {

    public AcceptedOmission {
        Objects.requireNonNull(name, "name");
        name = name.trim();
        reason = reason == null ? "" : reason.trim();
    }
}
