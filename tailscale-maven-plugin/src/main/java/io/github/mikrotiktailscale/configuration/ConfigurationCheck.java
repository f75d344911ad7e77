package io.github.mikrotiktailscale.configuration;

import io.github.mikrotiktailscale.feature.TailscaleVersion;
import io.github.mikrotiktailscale.image.Platforms;
import io.github.mikrotiktailscale.image.TailscaleSource;
import io.github.mikrotiktailscale.image.TrustStore;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problems;
import io.github.mikrotiktailscale.release.ReleaseStepList;
import io.github.mikrotiktailscale.release.TagMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugin's whole configuration, checked once before the first goal of a run does anything,
 * whichever goal that is: a platform {@code generate} cannot use still fails there, not minutes
 * later in {@code build}. Checks the values that have one meaning for every goal; the image
 * specification (features, base images) is checked where it is built.
 */
public final class ConfigurationCheck {

    /** The smoke test needs this long to see peers come and go. */
    public static final int SHORTEST_SMOKE_WINDOW = 20;

    private ConfigurationCheck() {}

    /**
     * @param values the effective value of each parameter, by name (the pom element, or else its
     *     property); a map parameter's entries as {@code name/key}
     * @param knownProperties every {@code tailscale.*} property the plugin's goals read
     * @param commandLine the user properties given for this run ({@code -Dname=value})
     * @return warnings: command-line properties no goal reads
     */
    public static List<String> check(Map<String, String> values, Collection<String> knownProperties,
            Collection<String> commandLine) throws ConfigurationException {
        var problems = new Problems();
        given(values, "platforms").ifPresent(v -> collect(problems, () -> Platforms.parse(v)));
        given(values, "tailscaleVersion").filter(v -> TailscaleVersion.parse(v).isEmpty()).ifPresent(v -> problems.add(
                "tailscaleVersion", "'" + v + "' is not a Tailscale release version.", "Give a release tag such as v1.98.3."));
        given(values, "source").filter(v -> TailscaleSource.find(v).isEmpty()).ifPresent(v -> problems.add(
                "source", "'" + v + "' is not a source.", "Use one of: " + TailscaleSource.names() + "."));
        given(values, "trustStore").filter(v -> TrustStore.find(v).isEmpty()).ifPresent(v -> problems.add(
                "trustStore", "'" + v + "' is not a trust store.", "Use one of: " + TrustStore.names() + "."));
        collect(problems, () -> TagMode.of(values.get("revision"), "true".equals(values.get("autoTag"))));
        given(values, "releaseSteps").ifPresent(v -> collect(problems, () -> ReleaseStepList.parse(List.of(v))));
        given(values, "windowSeconds").ifPresent(v -> checkWindow(v, problems));
        collect(problems, () -> budgets(values).resolve());
        problems.throwIfAny();
        return unknownProperties(knownProperties, commandLine);
    }

    private static SizeBudgets budgets(Map<String, String> values) {
        var perPlatform = new HashMap<String, String>();
        values.forEach((key, value) -> {
            if (key.startsWith("budgets/")) {
                perPlatform.put(key.substring("budgets/".length()), value);
            }
        });
        var properties = new HashMap<String, String>();
        values.forEach((key, value) -> {
            if (key.startsWith("budget") && !key.equals("budget") && !key.startsWith("budgets")) {
                var platform = key.substring("budget".length());
                properties.put(Character.toLowerCase(platform.charAt(0)) + platform.substring(1), value);
            }
        });
        return new SizeBudgets(perPlatform, values.get("budget"), properties);
    }

    private static void checkWindow(String text, Problems problems) {
        try {
            if (Integer.parseInt(text.trim()) >= SHORTEST_SMOKE_WINDOW) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below like a number that is too small
        }
        problems.add("windowSeconds", "'" + text + "' s is too short to see peers come and go (tailscale.smoke.window).",
                "Use " + SHORTEST_SMOKE_WINDOW + " seconds or more; 120 is the default.");
    }

    /** {@code -Dtailscale.platfrom=…} does nothing at all; say so, with the nearest real name. */
    static List<String> unknownProperties(Collection<String> known, Collection<String> commandLine) {
        var warnings = new ArrayList<String>();
        commandLine.stream().filter(p -> p.startsWith("tailscale.") && !known.contains(p)).sorted().forEach(p -> {
            var nearest = known.stream().min(Comparator.comparingInt(k -> distance(k, p))).orElse("");
            warnings.add("-D" + p + " is not a property of tailscale-maven-plugin and changes nothing"
                    + (nearest.isEmpty() || distance(nearest, p) > 4 ? "." : "; did you mean " + nearest + "?")
                    + " docs/CONFIGURATION.md lists them all.");
        });
        return warnings;
    }

    private static java.util.Optional<String> given(Map<String, String> values, String name) {
        return java.util.Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    private interface Check {
        Object run() throws ConfigurationException;
    }

    private static void collect(Problems problems, Check check) {
        try {
            check.run();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
    }

    private static int distance(String a, String b) {
        var previous = new int[b.length() + 1];
        var current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

}
