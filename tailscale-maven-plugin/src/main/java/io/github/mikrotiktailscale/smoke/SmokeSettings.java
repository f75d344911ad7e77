package io.github.mikrotiktailscale.smoke;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a smoke run needs to know.
 *
 * @param imagesDirectory where the build goal wrote {@code images.json}; the reports go there too
 * @param workDirectory for the harness sources and binary
 * @param tailscaleVersion the pinned release ({@code v1.98.3}); empty to accept whatever the image reports
 * @param builderImage the image with Go that compiles the harness (the image build's builder)
 * @param goEnvironment GOPROXY, GONOSUMDB, GOFLAGS of the machine, for the harness build
 * @param tailnet run the tailnet part on the build platform (needs the harness)
 * @param window how long peers come and go while flash writes and log lines are counted
 * @param imageFeatures the features the image was built with, when known: failed checks then say
 *     which feature really is missing
 * @param memoryBudgets the most the memory figures may show; none by default
 */
public record SmokeSettings(Path imagesDirectory, Path workDirectory, String dockerCommand, String tailscaleVersion,
        String builderImage, Map<String, String> goEnvironment, boolean tailnet, Duration window,
        Optional<Set<String>> imageFeatures, List<MemoryBudget> memoryBudgets, List<String> baseImages) {

    public SmokeSettings {
        goEnvironment = Map.copyOf(goEnvironment);
        memoryBudgets = memoryBudgets == null ? List.of() : List.copyOf(memoryBudgets);
        baseImages = baseImages == null ? List.of() : List.copyOf(baseImages);
        tailscaleVersion = tailscaleVersion == null ? "" : tailscaleVersion.strip();
        builderImage = builderImage == null ? "" : builderImage.strip();
    }

    /** Without memory budgets. */
    public SmokeSettings(Path imagesDirectory, Path workDirectory, String dockerCommand, String tailscaleVersion,
            String builderImage, Map<String, String> goEnvironment, boolean tailnet, Duration window,
            Optional<Set<String>> imageFeatures) {
        this(imagesDirectory, workDirectory, dockerCommand, tailscaleVersion, builderImage, goEnvironment, tailnet,
                window, imageFeatures, List.of(), List.of());
    }

    /** The version as {@code tailscale version} prints it: without the v. */
    public String expectedVersion() {
        return tailscaleVersion.startsWith("v") ? tailscaleVersion.substring(1) : tailscaleVersion;
    }
}
