package io.github.mikrotiktailscale.archive;

import java.util.List;
import java.util.Optional;

/**
 * Everything the size analysis found out about one image archive.
 *
 * @param name the platform's short name ({@code arm64}), the key of budgets and baselines
 * @param platform as the image config gives it ({@code linux/arm/v7})
 * @param storedBytes regular-file bytes of all layers added up: what a runtime that extracts every
 *     layer keeps; more than the extracted size when a layer stores a file again or deletes one
 * @param removedBytes stored bytes a later layer deleted or replaced (not counted in duplicates)
 * @param flashEstimateBytes {@code storedBytes} with every file rounded up to whole 4 KiB blocks
 * @param checks the configuration checks; empty when {@code checksSkipped} says why not
 */
public record ImageSize(
        String name,
        String platform,
        String archive,
        String format,
        long archiveBytes,
        ExtractedSize extracted,
        long storedBytes,
        long storedFiles,
        long removedBytes,
        long flashEstimateBytes,
        Transfer transfer,
        List<ComponentSize> components,
        List<LayerSummary> layers,
        List<Duplicate> duplicates,
        List<IdenticalContent> identicalContent,
        List<CheckResult> checks,
        String checksSkipped) {

    public ImageSize {
        components = List.copyOf(components);
        layers = List.copyOf(layers);
        duplicates = List.copyOf(duplicates);
        identicalContent = List.copyOf(identicalContent);
        checks = List.copyOf(checks);
        checksSkipped = checksSkipped == null ? "" : checksSkipped;
    }

    /** Stored minus extracted: what storing layers separately costs on top of the flattened filesystem. */
    public long storedOverExtracted() {
        return storedBytes - extracted.bytes();
    }

    public Optional<ComponentSize> component(String componentName) {
        return components.stream().filter(c -> c.name().equals(componentName)).findFirst();
    }

    /** Bytes spent storing files twice: layer duplicates and identical content under several paths. */
    public long duplicatedBytes() {
        return duplicates.stream().mapToLong(Duplicate::wastedBytes).sum()
                + identicalContent.stream().mapToLong(IdenticalContent::wastedBytes).sum();
    }

    public List<CheckResult> failedChecks() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
