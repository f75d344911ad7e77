package io.github.mikrotiktailscale.feature;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Every build feature of one Tailscale minor line, with their dependencies. */
public final class FeatureCatalog {

    private final String minorLine;
    private final String readFrom;
    private final SortedMap<String, Feature> features;

    public FeatureCatalog(String minorLine, String readFrom, Collection<Feature> features) {
        this.minorLine = minorLine;
        this.readFrom = readFrom;
        var byName = new TreeMap<String, Feature>();
        for (var feature : features) {
            if (byName.put(feature.name(), feature) != null) {
                throw new IllegalArgumentException("feature " + feature.name() + " is listed twice in catalogue " + minorLine);
            }
        }
        for (var feature : byName.values()) {
            for (var dep : feature.requires()) {
                if (!byName.containsKey(dep)) {
                    throw new IllegalArgumentException(
                            "feature " + feature.name() + " requires unknown feature " + dep + " in catalogue " + minorLine);
                }
            }
        }
        this.features = Collections.unmodifiableSortedMap(byName);
    }

    /** The minor line, {@code 1.98}. */
    public String minorLine() {
        return minorLine;
    }

    /** The Tailscale release this catalogue was read from, {@code v1.98.3}. */
    public String readFrom() {
        return readFrom;
    }

    public Collection<Feature> features() {
        return features.values();
    }

    public Set<String> names() {
        return features.keySet();
    }

    public boolean contains(String name) {
        return features.containsKey(name);
    }

    public Optional<Feature> find(String name) {
        return Optional.ofNullable(features.get(name));
    }

    public Feature get(String name) {
        var feature = features.get(name);
        if (feature == null) {
            throw new IllegalArgumentException("no feature " + name + " in catalogue " + minorLine);
        }
        return feature;
    }

    /**
     * The feature and everything it needs, transitively: what Tailscale's
     * {@code featuretags.Requires} returns. The feature itself comes first.
     */
    public Set<String> closure(String name) {
        var seen = new LinkedHashSet<String>();
        var todo = new ArrayDeque<String>(List.of(name));
        while (!todo.isEmpty()) {
            var next = todo.removeFirst();
            if (seen.add(next)) {
                todo.addAll(get(next).requires());
            }
        }
        return seen;
    }

    /** The features that directly require {@code name}. */
    public List<String> dependents(String name) {
        return features.values().stream()
                .filter(f -> f.requires().contains(name))
                .map(Feature::name)
                .toList();
    }

    /**
     * Known names closest to a misspelled one, nearest first: within an edit distance of a third
     * of the name (at least 2) and not much farther than the best match, or names that contain it
     * or are contained in it.
     */
    public List<String> closestNames(String unknown) {
        var needle = unknown.toLowerCase(java.util.Locale.ROOT);
        var distance = LevenshteinDistance.getDefaultInstance();
        Map<String, Integer> scored = features.keySet().stream()
                .collect(Collectors.toMap(n -> n, n -> distance.apply(needle, n)));
        int best = scored.values().stream().min(Integer::compare).orElse(Integer.MAX_VALUE);
        int limit = Math.min(Math.max(2, needle.length() / 3), best + 2);
        return scored.entrySet().stream()
                .filter(e -> e.getValue() <= limit
                        || (needle.length() >= 3 && (e.getKey().contains(needle) || needle.contains(e.getKey()))))
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .limit(3)
                .toList();
    }

    @Override
    public String toString() {
        return "FeatureCatalog[" + minorLine + ", " + features.size() + " features]";
    }

}
