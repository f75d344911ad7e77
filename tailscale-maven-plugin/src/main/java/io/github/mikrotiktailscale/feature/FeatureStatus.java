package io.github.mikrotiktailscale.feature;

import java.util.List;
import java.util.Optional;

/**
 * The verdict on one catalogue feature after resolution.
 *
 * @param reason the project's reason when chosen, or its acceptance reason when left out on purpose
 * @param pulledInBy the chosen features whose dependencies include this one (empty when none)
 * @param acceptedOmission the user's acceptance, when a feature the router needs is left out
 */
public record FeatureStatus(
        Feature feature,
        Inclusion inclusion,
        String reason,
        List<String> pulledInBy,
        Optional<AcceptedOmission> acceptedOmission) {

    public FeatureStatus {
        pulledInBy = List.copyOf(pulledInBy);
    }

    public String name() {
        return feature.name();
    }

    public boolean kept() {
        return inclusion.kept();
    }
}
