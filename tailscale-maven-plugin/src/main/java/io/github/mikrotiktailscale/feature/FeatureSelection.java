package io.github.mikrotiktailscale.feature;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import io.github.mikrotiktailscale.problem.Problems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The features a project opts into, what it removes again (from the command line, say) and which
 * normally required features it accepts to go without. {@link #resolve} turns it into a build.
 */
public final class FeatureSelection {

    /** The pom element of the chosen features, as messages name it. */
    public static final String FEATURES = "features";
    /** The pom element of accepted omissions. */
    public static final String ACCEPT_MISSING = "acceptMissing";
    /** The parameter of features removed from the selection. */
    public static final String REMOVE = "removeFeatures";
    /** The pom element of features left out on purpose, each with its reason. */
    public static final String LEFT_OUT = "leftOut";

    private final List<FeatureChoice> chosen;
    private final List<String> removed;
    private final List<AcceptedOmission> accepted;
    private final List<FeatureChoice> leftOut;
    private final Map<Capability, String> provided;

    /**
     * @param provided what the project's source changes do in place of features, each with the
     *     source change that does it (for messages and the report)
     */
    public FeatureSelection(List<FeatureChoice> chosen, List<String> removed, List<AcceptedOmission> accepted,
            List<FeatureChoice> leftOut, Map<Capability, String> provided) {
        this.chosen = List.copyOf(chosen);
        this.removed = removed.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.accepted = List.copyOf(accepted);
        this.leftOut = List.copyOf(leftOut);
        this.provided = Map.copyOf(provided);
    }

    public FeatureSelection(List<FeatureChoice> chosen, List<String> removed, List<AcceptedOmission> accepted,
            List<FeatureChoice> leftOut) {
        this(chosen, removed, accepted, leftOut, Map.of());
    }

    public FeatureSelection(List<FeatureChoice> chosen, List<String> removed, List<AcceptedOmission> accepted) {
        this(chosen, removed, accepted, List.of());
    }

    public FeatureSelection(List<FeatureChoice> chosen) {
        this(chosen, List.of(), List.of());
    }

    public List<FeatureChoice> chosen() {
        return chosen;
    }

    public List<AcceptedOmission> accepted() {
        return accepted;
    }

    /**
     * Every feature the project has decided on: chosen, accepted to go without, or left out with a
     * reason. A feature a new Tailscale release adds is undecided until it is named in one of them.
     */
    public Set<String> decided() {
        var names = new TreeSet<String>();
        chosen.forEach(c -> names.add(c.name()));
        accepted.forEach(a -> names.add(a.name()));
        leftOut.forEach(l -> names.add(l.name()));
        return names;
    }

    /**
     * The features {@code newer} has and {@code older} had not, that this selection does not
     * decide on: they stay out of the image (the build omits every feature it does not name) until
     * someone chooses them or says why not.
     */
    public List<String> undecided(FeatureCatalog older, FeatureCatalog newer) {
        var decided = decided();
        return newer.names().stream().filter(n -> !older.contains(n) && !decided.contains(n)).toList();
    }

    /**
     * Resolves the selection the way Tailscale's {@code featuretags.Requires} does: a chosen
     * feature brings everything it depends on, transitively. Fails with every problem at once.
     */
    public ResolvedFeatures resolve(FeatureCatalog catalog) throws ConfigurationException {
        var problems = new Problems();
        checkNames(catalog, problems);
        problems.throwIfAny();

        var removedSet = Set.copyOf(removed);
        var choices = new LinkedHashMap<String, FeatureChoice>();
        chosen.stream().filter(c -> !removedSet.contains(c.name())).forEach(c -> choices.put(c.name(), c));

        var pulledInBy = new TreeMap<String, Set<String>>();
        for (var name : choices.keySet()) {
            for (var needed : catalog.closure(name)) {
                if (!needed.equals(name)) {
                    pulledInBy.computeIfAbsent(needed, k -> new TreeSet<>()).add(name);
                }
            }
        }
        var kept = new TreeSet<String>(choices.keySet());
        kept.addAll(pulledInBy.keySet());

        checkRemovals(catalog, removedSet, pulledInBy, problems);
        var acceptedByName = accepted.stream()
                .collect(Collectors.toMap(AcceptedOmission::name, Function.identity(), (a, b) -> a));
        var warnings = new ArrayList<String>();
        var substitutes = new ArrayList<String>();
        checkRouterRequirements(catalog, kept, acceptedByName, provided, problems, warnings, substitutes);
        problems.throwIfAny();

        for (var acceptance : accepted) {
            if (kept.contains(acceptance.name())) {
                warnings.add("<" + ACCEPT_MISSING + "> lists '" + acceptance.name()
                        + "', but the build keeps it anyway; the entry has no effect and can go.");
            }
        }
        for (var name : removed) {
            if (!kept.contains(name) && chosen.stream().noneMatch(c -> c.name().equals(name))) {
                warnings.add("'" + name + "' is removed from the selection but was not in it.");
            }
        }

        var leftOutByName = leftOut.stream()
                .collect(Collectors.toMap(FeatureChoice::name, FeatureChoice::reason, (a, b) -> a));
        var statuses = new HashMap<String, FeatureStatus>();
        for (var feature : catalog.features()) {
            var name = feature.name();
            var by = List.copyOf(pulledInBy.getOrDefault(name, Set.of()));
            FeatureStatus status;
            if (choices.containsKey(name)) {
                status = new FeatureStatus(feature, Inclusion.CHOSEN, choices.get(name).reason(), by, Optional.empty());
            } else if (!by.isEmpty()) {
                status = new FeatureStatus(feature, Inclusion.PULLED_IN, "", by, Optional.empty());
            } else {
                var acceptance = Optional.ofNullable(acceptedByName.get(name));
                status = new FeatureStatus(feature, Inclusion.OMITTED,
                        acceptance.map(AcceptedOmission::reason).orElse(leftOutByName.getOrDefault(name, "")), List.of(),
                        acceptance);
            }
            statuses.put(name, status);
        }
        return new ResolvedFeatures(catalog, statuses, warnings, substitutes);
    }

    private void checkNames(FeatureCatalog catalog, Problems problems) {
        var seen = new HashMap<String, Integer>();
        for (var choice : chosen) {
            if (choice.name().isEmpty()) {
                problems.add(FEATURES, "a <feature> has no <name>.", "Give every feature its name from the catalogue.");
                continue;
            }
            if (seen.merge(choice.name(), 1, Integer::sum) == 2) {
                problems.add(FEATURES, "'" + choice.name() + "' is listed twice.", "Keep one entry and one reason.");
            }
            if (!catalog.contains(choice.name())) {
                problems.add(unknown(catalog, FEATURES, choice.name()));
            } else if (choice.reason().isEmpty()) {
                problems.add(FEATURES, "'" + choice.name() + "' has no <reason>.",
                        "Say in one line why the router image needs it: the reason is shown in the feature table"
                                + " and in features.md.");
            }
        }
        for (var name : removed) {
            if (!catalog.contains(name)) {
                problems.add(unknown(catalog, REMOVE, name));
            }
        }
        var chosenNames = chosen.stream().map(FeatureChoice::name).collect(Collectors.toSet());
        for (var omission : leftOut) {
            if (!catalog.contains(omission.name())) {
                problems.add(unknown(catalog, LEFT_OUT, omission.name()));
            } else if (chosenNames.contains(omission.name())) {
                problems.add(LEFT_OUT, "'" + omission.name() + "' is both chosen in <" + FEATURES + "> and left out.",
                        "Keep it in one of the two.");
            } else if (omission.reason().isEmpty()) {
                problems.add(LEFT_OUT, "leaving out '" + omission.name() + "' needs a <reason>.",
                        "Say in one line why the router image is better without it: features.md shows it.");
            }
        }
        for (var acceptance : accepted) {
            if (!catalog.contains(acceptance.name())) {
                problems.add(unknown(catalog, ACCEPT_MISSING, acceptance.name()));
            } else if (acceptance.reason().isEmpty()) {
                problems.add(ACCEPT_MISSING, "accepting to go without '" + acceptance.name() + "' needs a <reason>.",
                        "Say why the image can live without it.");
            }
        }
    }

    private static Problem unknown(FeatureCatalog catalog, String element, String name) {
        var near = catalog.closestNames(name);
        var guess = near.isEmpty() ? "" : "Did you mean " + near.stream().map(n -> "'" + n + "'")
                .collect(Collectors.joining(" or ")) + "? ";
        return new Problem(element,
                "unknown Tailscale feature '" + name + "' (catalogue " + catalog.minorLine() + ", read from "
                        + catalog.readFrom() + ").",
                guess + "Known features: " + String.join(", ", catalog.names()) + ".");
    }

    private static void checkRemovals(FeatureCatalog catalog, Set<String> removed,
            Map<String, Set<String>> pulledInBy, Problems problems) {
        for (var name : removed) {
            var needers = pulledInBy.get(name);
            if (needers != null) {
                problems.add(REMOVE,
                        "'" + name + "' cannot be left out: " + String.join(", ", needers)
                                + (needers.size() == 1 ? " needs" : " need") + " it ("
                                + catalog.get(name).description() + ").",
                        "Remove " + String.join(" and ", needers) + " as well, or keep '" + name + "'.");
            }
        }
    }

    private static void checkRouterRequirements(FeatureCatalog catalog, Set<String> kept,
            Map<String, AcceptedOmission> accepted, Map<Capability, String> provided, Problems problems,
            List<String> warnings, List<String> substitutes) {
        for (var rule : RouterRequirement.all()) {
            if (!catalog.contains(rule.feature()) || kept.contains(rule.feature())
                    || !rule.when().test(kept::contains)) {
                continue;
            }
            if (rule.metBy().isPresent() && provided.containsKey(rule.metBy().get())) {
                var capability = rule.metBy().get();
                substitutes.add("'" + rule.feature() + "' is left out; " + provided.get(capability) + " "
                        + capability.description() + " (" + capability.configName() + ")");
                continue;
            }
            var breaks = "without it " + rule.breaks() + ".";
            if (rule.advisory()) {
                // the image works without it; an acceptance says how it makes up for it
                if (!accepted.containsKey(rule.feature())) {
                    var when = rule.condition().equals("always") ? "" : " " + rule.condition();
                    warnings.add("'" + rule.feature() + "' is left out" + when + ": " + breaks + " Keep it, or list"
                            + " it under <" + ACCEPT_MISSING + "> with the source change that makes up for it.");
                }
                continue;
            }
            if (accepted.containsKey(rule.feature())) {
                warnings.add("'" + rule.feature() + "' is left out (accepted: " + accepted.get(rule.feature()).reason()
                        + "); " + breaks);
                continue;
            }
            var when = rule.condition().equals("always") ? "" : " " + rule.condition();
            var instead = rule.metBy().map(c -> ", or a source change that " + c.description() + " (<provides>"
                    + c.configName() + "</provides> on its <patch> or <sourceFile>)").orElse("");
            problems.add(FEATURES,
                    "the router image needs '" + rule.feature() + "'" + when + ", but it is left out: " + breaks,
                    "Add <feature><name>" + rule.feature() + "</name><reason>...</reason></feature> to <" + FEATURES
                            + ">" + instead + ", or, if you mean it, accept the loss with <" + ACCEPT_MISSING
                            + "><feature><name>" + rule.feature() + "</name><reason>why</reason></feature></"
                            + ACCEPT_MISSING + ">.");
        }
    }
}
