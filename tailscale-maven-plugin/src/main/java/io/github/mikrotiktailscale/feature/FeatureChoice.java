package io.github.mikrotiktailscale.feature;

import java.util.Objects;

/** A feature the image opts into, with the one-line reason the project gives for it. */
public record FeatureChoice(String name, String reason) {

    public FeatureChoice {
        Objects.requireNonNull(name, "name");
        name = name.trim();
        reason = reason == null ? "" : reason.trim();
    }
}
