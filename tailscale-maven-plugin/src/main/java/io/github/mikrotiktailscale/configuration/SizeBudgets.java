package io.github.mikrotiktailscale.configuration;

import io.github.mikrotiktailscale.archive.ByteSize;
import io.github.mikrotiktailscale.archive.SizeBudget;
import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problems;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The verify-size goal's budget parameters, most specific first: a platform's own property
 * ({@code tailscale.budget.arm64}), the {@code budgets} map, the single {@code budget}, the defaults.
 */
public record SizeBudgets(Map<String, String> perPlatform, String forAll, Map<String, String> properties) {

    public SizeBudgets {
        perPlatform = perPlatform == null ? Map.of() : Map.copyOf(perPlatform);
        forAll = forAll == null ? "" : forAll.trim();
        properties = Map.copyOf(properties);
    }

    public Map<String, SizeBudget> resolve() throws ConfigurationException {
        var problems = new Problems();
        var names = Arrays.stream(Platform.values()).map(Platform::shortName).collect(Collectors.toList());
        perPlatform.keySet().stream().filter(name -> !names.contains(name)).sorted().forEach(name -> problems.add(
                "budgets", "there is no platform '" + name + "'.", "Name platforms by their short names: "
                        + String.join(", ", names) + "."));
        var all = parse(forAll, "budget", problems);
        var resolved = new HashMap<String, SizeBudget>();
        for (var name : names) {
            var property = parse(properties.getOrDefault(name, ""), parameterFor(name), problems);
            var mapped = parse(perPlatform.getOrDefault(name, ""), "budgets/" + name, problems);
            Optional<SizeBudget> budget = property.map(limit -> new SizeBudget(name, limit, "tailscale.budget." + name))
                    .or(() -> mapped.map(limit -> new SizeBudget(name, limit, "budgets/" + name)))
                    .or(() -> all.map(limit -> new SizeBudget(name, limit, "budget")))
                    .or(() -> SizeBudget.defaultFor(name));
            budget.ifPresent(b -> resolved.put(name, b));
        }
        problems.throwIfAny();
        return resolved;
    }

    /** The parameter behind {@code tailscale.budget.<name>}: budgetArm64 and so on. */
    public static String parameterFor(String platform) {
        return "budget" + Character.toUpperCase(platform.charAt(0)) + platform.substring(1) + " (tailscale.budget."
                + platform + ")";
    }

    private static Optional<Long> parse(String text, String element, Problems problems) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var size = ByteSize.parse(text);
        if (size.isEmpty()) {
            problems.add(element, "'" + text + "' is not a size.", "Write " + ByteSize.FORMS + ".");
        }
        return size;
    }
}
