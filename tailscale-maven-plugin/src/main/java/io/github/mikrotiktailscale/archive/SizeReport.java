package io.github.mikrotiktailscale.archive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analysed images with their budgets and, when given, the baseline they are compared with;
 * decides which rows fail and why.
 *
 * @param budgets by platform short name; a platform without one is not limited
 * @param baseline an earlier report, or null
 * @param failOnDuplicates whether a file stored twice fails the check
 */
public record SizeReport(
        String imageVersion, List<ImageSize> images, Map<String, SizeBudget> budgets, SizeBaseline baseline,
        boolean failOnDuplicates) {

    /** The figures of each row, in column order; also what a later run reads back as its baseline. */
    public static final List<String> METRICS = List.of("extracted", "stored", "flashEstimate", "transfer",
            ComponentSize.TAILSCALE, ComponentSize.BUSYBOX, ComponentSize.CA_BUNDLE, ComponentSize.ENTRYPOINT,
            ComponentSize.OTHER);

    public SizeReport {
        images = List.copyOf(images);
        budgets = Map.copyOf(budgets);
    }

    public static Map<String, Long> metrics(ImageSize image) {
        var values = new LinkedHashMap<String, Long>();
        values.put("extracted", image.extracted().bytes());
        values.put("stored", image.storedBytes());
        values.put("flashEstimate", image.flashEstimateBytes());
        values.put("transfer", image.transfer().bytes());
        for (var component : image.components()) {
            values.put(component.name(), component.bytes());
        }
        return values;
    }

    public Optional<SizeBudget> budget(ImageSize image) {
        return Optional.ofNullable(budgets.get(image.name()));
    }

    public boolean overBudget(ImageSize image) {
        return budget(image).map(b -> !b.allows(image.storedBytes())).orElse(false);
    }

    /** Files stored twice that cost bytes (an empty file stored again costs none). */
    public boolean storesTwice(ImageSize image) {
        return image.duplicates().stream().anyMatch(d -> d.wastedBytes() > 0) || !image.identicalContent().isEmpty();
    }

    /** A row that fails the check: over budget, a file stored twice (unless allowed) or a failed check. */
    public boolean offending(ImageSize image) {
        return overBudget(image) || (failOnDuplicates && storesTwice(image)) || !image.failedChecks().isEmpty();
    }

    public boolean passed() {
        return images.stream().noneMatch(this::offending);
    }

    /** One line per reason a row fails, naming the platform. */
    public List<String> problems() {
        var problems = new ArrayList<String>();
        for (var image : images) {
            if (overBudget(image)) {
                var budget = budget(image).orElseThrow();
                problems.add(image.platform() + ": stores " + ByteSize.format(image.storedBytes()) + " ("
                        + image.storedBytes() + " bytes), " + ByteSize.format(image.storedBytes() - budget.limitBytes())
                        + " over its budget of " + ByteSize.format(budget.limitBytes()) + " (" + budget.origin() + ")");
            }
            if (failOnDuplicates) {
                image.duplicates().stream().filter(d -> d.wastedBytes() > 0)
                        .forEach(d -> problems.add(image.platform() + ": " + d.describe()));
                image.identicalContent().forEach(i -> problems.add(image.platform() + ": " + i.describe()));
            }
            image.failedChecks().forEach(c -> problems.add(image.platform() + ": check '" + c.name() + "' failed: "
                    + c.detail()));
        }
        return problems;
    }
}
