package io.github.mikrotiktailscale.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mikrotiktailscale.archive.Digests;
import io.github.mikrotiktailscale.build.PlatformBuild;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Ship what was tested: a release publishes only archives the smoke test ran, passing, as this
 * release. {@code smoke-report.json} next to the archives records the id (config digest) of each
 * image it ran; an archive built afterwards (other bases, other sources, another machine's engine)
 * has another id and is refused.
 */
public final class TestedImages {

    /** Written by the smoke goal next to the images. */
    public static final String SMOKE_REPORT = "smoke-report.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestedImages() {}

    /**
     * @param pinnedBases the directory of pinned base lists (.ci/bases/pinned), or null not to check bases
     * @throws ConfigurationException naming the platform and both identities when an archive was not
     *     tested, or the base and the pinned ones when a base was not
     */
    public static void require(Path imagesDirectory, String tag, List<PlatformBuild> builds, Path pinnedBases)
            throws ConfigurationException {
        var file = imagesDirectory.resolve(SMOKE_REPORT);
        var untested = "Run the smoke test on exactly these images (mvn verify, or tailscale:smoke), then publish;"
                + " only for images that cannot run (test fixtures) set -Dtailscale.publishUntested=true.";
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(new Problem("publishUntested", "there is no " + SMOKE_REPORT + " in "
                    + imagesDirectory + ": nothing shows that these images were tested.", untested));
        }
        com.fasterxml.jackson.databind.JsonNode report;
        try {
            report = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigurationException(new Problem("publishUntested", file + " cannot be read ("
                    + e.getMessage() + ").", untested));
        }
        if (!report.path("passed").asBoolean(false)) {
            throw new ConfigurationException(new Problem("publishUntested", "the smoke test in " + file
                    + " did not pass: a failed image is never published.", "Fix what it reports, then build and"
                            + " test again (mvn verify)."));
        }
        var testedAs = report.path("imageVersion").asText("");
        if (!testedAs.equals(tag)) {
            throw new ConfigurationException(new Problem("publishUntested", "the smoke test in " + file
                    + " ran the images built as '" + testedAs + "', not " + tag + ".", untested));
        }
        var tested = report.path("tested");
        for (var build : builds) {
            var name = build.platform().dockerName();
            var ran = tested.path(name).asText("");
            if (!ran.equals(build.imageId())) {
                throw new ConfigurationException(new Problem("publishUntested", name + ": the archive to publish is "
                        + build.imageId() + ", but the smoke test ran " + (ran.isEmpty() ? "no " + name + " image"
                        : ran) + " (" + file + "). The images were built again after the test, perhaps from other"
                        + " bases or sources.", untested));
            }
        }
        if (pinnedBases != null) {
            requirePinnedBases(report.path("bases"), pinnedBases, file);
        }
    }

    /** Every base the smoke report names must be one CI tested: its identity is a pinned list's hash. */
    private static void requirePinnedBases(com.fasterxml.jackson.databind.JsonNode bases, Path pinned, Path report)
            throws ConfigurationException {
        var allowed = new java.util.TreeMap<String, String>();
        try (var lists = Files.list(pinned)) {
            for (var list : lists.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                allowed.put(Digests.sha256(Files.readAllBytes(list)), list.getFileName().toString());
            }
        } catch (IOException e) {
            throw new ConfigurationException(new Problem("testedBases", "the pinned bases in " + pinned
                    + " cannot be read (" + e.getMessage() + ").", "Point testedBases at .ci/bases/pinned."));
        }
        var pinnedText = allowed.entrySet().stream().map(e -> e.getValue().replace(".txt", "") + " "
                + e.getKey().substring(0, 12)).toList();
        var rebuild = "Build with the pinned bases (-Plocal-bases; .ci/bases/build-local-bases.sh made them), test and"
                + " publish again; for new bases, re-pin them (BASES_PIN=update) and let CI test them first.";
        if (!bases.isObject() || bases.isEmpty()) {
            throw new ConfigurationException(new Problem("testedBases", report + " records no bases, so nothing"
                    + " shows the images were built from the ones CI tested (" + pinnedText + ").", rebuild));
        }
        for (var base : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>)
                bases::fields) {
            var identity = base.getValue().asText();
            if (!allowed.containsKey(identity)) {
                throw new ConfigurationException(new Problem("testedBases", "the images were built from "
                        + base.getKey() + " (identity " + identity + "), which is not one of the bases CI tested ("
                        + String.join(", ", pinnedText) + " in " + pinned + ").", rebuild));
            }
        }
    }
}
