package io.github.mikrotiktailscale.feature;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A feature selection resolved against one catalogue: every catalogue feature with its verdict.
 * The allowlist is what the image build hands to {@code featuretags --min --add=...}.
 */
public final class ResolvedFeatures {

    private final FeatureCatalog catalog;
    private final SortedMap<String, FeatureStatus> statuses;
    private final List<String> warnings;
    private final List<String> substitutes;

    ResolvedFeatures(FeatureCatalog catalog, Map<String, FeatureStatus> statuses, List<String> warnings,
            List<String> substitutes) {
        this.catalog = catalog;
        this.statuses = new TreeMap<>(statuses);
        this.warnings = List.copyOf(warnings);
        this.substitutes = List.copyOf(substitutes);
    }

    /** Router requirements met by the project's own source changes instead of a feature, in words. */
    public List<String> substitutes() {
        return substitutes;
    }

    public FeatureCatalog catalog() {
        return catalog;
    }

    /** Every catalogue feature, by name. */
    public Collection<FeatureStatus> statuses() {
        return statuses.values();
    }

    public FeatureStatus status(String name) {
        var status = statuses.get(name);
        if (status == null) {
            throw new IllegalArgumentException("no feature " + name + " in catalogue " + catalog.minorLine());
        }
        return status;
    }

    public boolean includes(String name) {
        var status = statuses.get(name);
        return status != null && status.kept();
    }

    /** The names of every kept feature, chosen or pulled in, sorted. */
    public List<String> allowlist() {
        return statuses.values().stream().filter(FeatureStatus::kept).map(FeatureStatus::name).toList();
    }

    public List<FeatureStatus> kept() {
        return statuses.values().stream().filter(FeatureStatus::kept).toList();
    }

    /** Things worth telling the user that do not stop the build. */
    public List<String> warnings() {
        return warnings;
    }
}
