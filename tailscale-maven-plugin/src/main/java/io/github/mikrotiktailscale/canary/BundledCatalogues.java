package io.github.mikrotiktailscale.canary;

import io.github.mikrotiktailscale.feature.FeatureCatalog;
import io.github.mikrotiktailscale.feature.FeatureCatalogs;
import io.github.mikrotiktailscale.feature.TailscaleVersion;
import io.github.mikrotiktailscale.gomodule.GoVersion;
import io.github.mikrotiktailscale.process.ProcessLimit;
import io.github.mikrotiktailscale.process.ProcessRunner;
import io.github.mikrotiktailscale.process.ProcessTimedOut;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin's bundled catalogues, and the project's generator script for a line it has none
 * for ({@code src/tools/feature-catalog/generate.sh}, which reads the release's featuretags
 * through the module proxy). A generated catalogue goes to the canary's directory, not into the
 * plugin: adding it is the maintainer's step.
 */
public final class BundledCatalogues implements CatalogueSource {

    private final Path generator;
    private final Path outputDirectory;

    /** @param generator generate.sh; may not exist, then nothing is generated */
    public BundledCatalogues(Path generator, Path outputDirectory) {
        this.generator = generator;
        this.outputDirectory = outputDirectory;
    }

    @Override
    public Optional<FeatureCatalog> bundled(String minorLine) {
        return FeatureCatalogs.available().contains(minorLine) ? Optional.of(FeatureCatalogs.load(minorLine))
                : Optional.empty();
    }

    @Override
    public Generated generate(TailscaleVersion version, GoVersion go) throws InterruptedException {
        if (generator == null || !Files.isRegularFile(generator)) {
            return new Generated(Optional.empty(), "no generator script at " + generator);
        }
        var target = outputDirectory.resolve(version.minorLine() + ".json");
        var tail = new ArrayDeque<String>();
        try {
            Files.createDirectories(outputDirectory);
            int exit = ProcessRunner.run(List.of("bash", generator.toString(), version.tag(), target.toString()), null,
                    Map.of("GOTOOLCHAIN_OVERRIDE", "go" + go), null, ProcessLimit.total(Duration.ofMinutes(10)),
                    line -> {
                        tail.addLast(line);
                        if (tail.size() > 5) {
                            tail.removeFirst();
                        }
                    }, null);
            if (exit != 0 || !Files.isRegularFile(target)) {
                return new Generated(Optional.empty(), generator.getFileName() + " " + version + " with Go " + go
                        + " failed (exit " + exit + "): " + String.join(" / ", tail));
            }
            try (var in = Files.newInputStream(target)) {
                return new Generated(Optional.of(FeatureCatalogs.read(in, version.minorLine())), target.toString());
            }
        } catch (ProcessTimedOut e) {
            return new Generated(Optional.empty(), generator.getFileName() + " ran past 10 minutes");
        } catch (IOException e) {
            return new Generated(Optional.empty(), "cannot run " + generator + ": " + e.getMessage());
        }
    }
}
