package io.github.mikrotiktailscale.canary;

import io.github.mikrotiktailscale.feature.FeatureCatalog;
import io.github.mikrotiktailscale.feature.FeatureChoice;
import io.github.mikrotiktailscale.feature.FeatureSelection;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The project's feature decisions against the newer release's catalogue: a feature it names that
 * is gone (and what it was probably renamed to), a feature the release adds that it has not
 * decided, and a selection that no longer resolves.
 */
public final class FeatureCheck {

    private FeatureCheck() {}

    /**
     * @param names the project's decisions by element: features, acceptMissing, leftOut
     * @param older the catalogue of the pinned release
     * @param newer the catalogue of the release the canary tries
     */
    public static List<Break> check(FeatureSelection selection, Decisions names, FeatureCatalog older,
            FeatureCatalog newer) {
        var breaks = new ArrayList<Break>();
        var addedByNewer = new TreeSet<>(newer.names());
        addedByNewer.removeAll(older.names());
        var renamed = new TreeSet<String>();
        gone(FeatureSelection.FEATURES, names.chosen(), older, newer, addedByNewer, breaks, renamed);
        gone(FeatureSelection.ACCEPT_MISSING, names.acceptMissing(), older, newer, addedByNewer, breaks, renamed);
        gone(FeatureSelection.LEFT_OUT, names.leftOut(), older, newer, addedByNewer, breaks, renamed);
        // a likely new name is reported with the feature it replaces, not again as undecided
        for (var name : selection.undecided(older, newer).stream().filter(n -> !renamed.contains(n)).toList()) {
            breaks.add(Break.of(BreakKind.FEATURE_UNDECIDED, name,
                    "new in " + newer.minorLine() + " (" + newer.get(name).description() + "); the project neither"
                            + " chooses it nor says why it is left out",
                    "decide it: <features> with a reason to keep it, or <leftOut> with a reason to leave it out"));
        }
        if (breaks.stream().noneMatch(Break::blocking)) {
            try {
                selection.resolve(newer);
            } catch (ConfigurationException e) {
                for (var problem : e.problems()) {
                    breaks.add(Break.blocking(BreakKind.FEATURE_GONE, "<" + problem.element() + ">",
                            "the selection no longer resolves against catalogue " + newer.minorLine() + ": "
                                    + problem.message(), problem.suggestion()));
                }
            }
        }
        return breaks;
    }

    private static void gone(String element, List<String> names, FeatureCatalog older, FeatureCatalog newer,
            Set<String> addedByNewer, List<Break> breaks, Set<String> renamedTo) {
        for (var name : names) {
            if (newer.contains(name)) {
                continue;
            }
            var renamed = likelyNewName(name, older, newer, addedByNewer);
            renamed.ifPresent(renamedTo::add);
            var was = older.contains(name) ? " (" + older.get(name).description() + ")" : "";
            breaks.add(Break.blocking(BreakKind.FEATURE_GONE, "<" + element + "> " + name,
                    "'" + name + "'" + was + " is not in catalogue " + newer.minorLine()
                            + renamed.map(n -> "; renamed to '" + n + "' (" + newer.get(n).description() + ")?")
                                    .orElse(addedByNewer.isEmpty() ? "" : "; new in " + newer.minorLine() + ": "
                                            + String.join(", ", addedByNewer)),
                    renamed.map(n -> "name '" + n + "' instead of '" + name + "' in <" + element + ">")
                            .orElse("drop '" + name + "' from <" + element + ">, or choose what replaces it")));
        }
    }

    /** A new feature with the same description, or a new name close to the old one. */
    private static java.util.Optional<String> likelyNewName(String name, FeatureCatalog older, FeatureCatalog newer,
            Set<String> addedByNewer) {
        if (older.contains(name)) {
            var description = normalised(older.get(name).description());
            for (var candidate : addedByNewer) {
                if (normalised(newer.get(candidate).description()).equals(description)) {
                    return java.util.Optional.of(candidate);
                }
            }
        }
        return newer.closestNames(name).stream().filter(addedByNewer::contains).findFirst();
    }

    private static String normalised(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }

    /** The names in each of the project's three feature elements. */
    public record Decisions(List<String> chosen, List<String> acceptMissing, List<String> leftOut) {

        public static Decisions of(List<FeatureChoice> chosen, List<String> acceptMissing, List<FeatureChoice> leftOut) {
            return new Decisions(chosen.stream().map(FeatureChoice::name).toList(), List.copyOf(acceptMissing),
                    leftOut.stream().map(FeatureChoice::name).toList());
        }
    }
}
