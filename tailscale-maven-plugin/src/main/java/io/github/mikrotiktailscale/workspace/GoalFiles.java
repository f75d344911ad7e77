package io.github.mikrotiktailscale.workspace;

import io.github.mikrotiktailscale.archive.ComponentPaths;
import io.github.mikrotiktailscale.archive.ImageExpectations;
import io.github.mikrotiktailscale.build.ImagesIndex;
import io.github.mikrotiktailscale.dockerfile.DockerfileRenderer;
import io.github.mikrotiktailscale.feature.FeatureTable;
import io.github.mikrotiktailscale.image.ImageSpec;
import io.github.mikrotiktailscale.image.TrustStore;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import io.github.mikrotiktailscale.progress.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files one goal leaves under {@code target/} for the next: their names (the mojos' default
 * paths are built from these constants), and writing and reading them. generate writes the
 * context with {@code features.txt}, {@code features.md} and {@code expectations.json}; build
 * reads it and writes {@code images/} with {@code images.json}; verify-size, smoke and publish
 * read those; tag writes {@code release-tag.txt}, publish {@code release.json}.
 */
public final class GoalFiles {

    /** Under the build directory: the build context generate writes. */
    public static final String CONTEXT_DIRECTORY = "tailscale-image";
    /** Under the build directory: the archives and {@code images.json} build writes. */
    public static final String IMAGES_DIRECTORY = "images";
    /** In the context: the features compiled in, one a line (the image carries it too). */
    public static final String FEATURES_LIST = "tailscale/features.txt";
    /** Next to the context, kept out of it: the feature table. */
    public static final String FEATURES_REPORT = "features.md";
    /** Next to the context, kept out of it: what verify-size checks the image against. */
    public static final String EXPECTATIONS = ImageExpectations.FILE;
    public static final String IMAGES_INDEX = ImagesIndex.FILE;
    /** Under the build directory: the tag the tag goal decided, for pipelines. */
    public static final String TAG_FILE = "release-tag.txt";
    /** Under the build directory: what publish released. */
    public static final String RELEASE_REPORT = "release.json";

    private GoalFiles() {}

    /** generate's output: the rendered context, the feature table and the expectations. */
    public static void writeContext(ImageSpec spec, Path directory) throws IOException {
        DockerfileRenderer.render(spec).writeTo(directory, Set.of(FEATURES_REPORT, EXPECTATIONS));
        Files.writeString(directory.resolve(FEATURES_REPORT),
                FeatureTable.markdown(spec.features(), spec.tailscaleVersion().tag()), StandardCharsets.UTF_8);
        expectations(spec).write(directory.resolve(EXPECTATIONS));
    }

    /** What the verify-size goal checks the built image against. */
    public static ImageExpectations expectations(ImageSpec spec) {
        var paths = ComponentPaths.STANDARD.withCaBundle(
                spec.trustStore() == TrustStore.SYSTEM ? DockerfileRenderer.CA_BUNDLE : "");
        return new ImageExpectations(List.of(DockerfileRenderer.ENTRYPOINT), spec.daemon().arguments(),
                List.of(spec.daemon().stateDirectory()), paths, true);
    }

    /** The expectations generate wrote; empty when there are none (an image of one's own Dockerfile). */
    public static Optional<ImageExpectations> readExpectations(Path file) throws ConfigurationException {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ImageExpectations.read(file));
        } catch (IOException e) {
            throw new ConfigurationException(new Problem("expectationsFile", e.getMessage() + ".",
                    "Run the generate goal again ('mvn package' runs it), or point -Dtailscale.expectationsFile at a"
                            + " file that does not exist to skip the configuration checks."));
        }
    }

    /** The features list generate wrote; empty when it is missing or unreadable (said as a warning). */
    public static Optional<Set<String>> readFeatures(Path file, Progress progress) {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            var names = new LinkedHashSet<String>();
            Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(s -> !s.isEmpty() && !s.startsWith("#")).forEach(names::add);
            return Optional.of(names);
        } catch (IOException e) {
            progress.warn("Cannot read " + file + " (" + e.getMessage() + "); failed checks will name the"
                    + " features they suspect without knowing what the image has.");
            return Optional.empty();
        }
    }

    /** {@code images.json} as build wrote it, or a problem saying to build first. */
    public static ImagesIndex.Index readImages(Path imagesDirectory) throws ConfigurationException {
        if (!Files.isRegularFile(imagesDirectory.resolve(IMAGES_INDEX))) {
            throw new ConfigurationException(new Problem("imagesDirectory", "there is no " + IMAGES_INDEX + " in "
                    + imagesDirectory + ", so there are no built images.", "Run 'mvn package' first (the build goal"
                    + " saves the archives and writes " + IMAGES_INDEX + "), or point -Dtailscale.imagesDirectory"
                    + " at the directory it wrote."));
        }
        try {
            return ImagesIndex.read(imagesDirectory);
        } catch (IOException e) {
            throw new ConfigurationException(new Problem("imagesDirectory", "no built images in " + imagesDirectory
                    + " (" + e.getMessage() + ").", "Build them first: mvn package."));
        }
    }
}
