package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.progress.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mikrotiktailscale.archive.Digests;
import io.github.mikrotiktailscale.build.PlatformBuild;
import io.github.mikrotiktailscale.archive.ByteSize;
import io.github.mikrotiktailscale.image.ImageLabels;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes the per-platform images of one release as a multi-arch manifest list under
 * {@code :<tag>}, checks what the registry then serves, and only then points {@code :stable} at
 * the same digest. {@code :stable} never moves backwards unless asked to roll back, and a failure between the
 * two tags leaves {@code :stable} as it was.
 */
public final class ImagePublisher {

    public static final String STABLE = "stable";
    /** On each list entry: the release tag, which never moves. */
    public static final String VERSION_ANNOTATION = "org.opencontainers.image.version";
    /** On each list entry: the bytes the platform's image stores once extracted (verify-size's storedBytes). */
    public static final String STORED_BYTES_ANNOTATION = "io.github.mikrotiktailscale.stored-bytes";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient registry;
    private final Path workDirectory;
    private final Progress progress;
    private final SourceDate sourceDate;

    /** @param sourceDate the one time every published file and config date carries */
    public ImagePublisher(RegistryClient registry, Path workDirectory, Progress progress, SourceDate sourceDate) {
        this.registry = registry;
        this.workDirectory = workDirectory;
        this.progress = progress;
        this.sourceDate = sourceDate;
    }

    /**
     * The registry blobs, per-platform manifests and the annotated manifest list of a release, made
     * locally (nothing is sent): what {@link #publish} pushes and what a rebuild compares.
     */
    public PreparedRelease prepare(String tag, List<PlatformBuild> builds) throws EnvironmentException {
        progress.info("SOURCE_DATE_EPOCH " + sourceDate + ": every file and config date in the published image");
        var prepared = new ArrayList<PreparedImage>();
        for (var build : builds) {
            try {
                prepared.add(ImagePreparer.prepare(build.platform(), build.archive(),
                        workDirectory.resolve("blobs"), sourceDate));
            } catch (IOException e) {
                throw new EnvironmentException("Cannot prepare " + build.archive() + " for the registry: "
                        + e.getMessage(), "Build again (mvn package) and check the disk.", e);
            }
        }
        byte[] index;
        try {
            index = annotate(ImagePreparer.manifestList(prepared), tag, StoredSizes.read(builds, tag, progress));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new PreparedRelease(prepared, index, "sha256:" + Digests.sha256(index));
    }

    /**
     * @param builds the per-platform archives, exactly the platforms the release must hold
     * @param rollbackStable move {@code :stable} even when it carries a newer release
     */
    public PublishResult publish(ReleaseVersion release, List<PlatformBuild> builds, boolean rollbackStable, boolean dryRun)
            throws EnvironmentException, ConfigurationException {
        var tag = release.tag();
        var image = registry.image();
        var ready = prepare(tag, builds);
        var prepared = ready.images();
        var index = ready.index();
        var indexDigest = ready.indexDigest();
        if (dryRun) {
            describePlan(release, prepared, indexDigest);
            return new PublishResult(tag, image, indexDigest, RegistryClient.MANIFEST_LIST, "", false, true, prepared);
        }

        var current = registry.getManifest(STABLE, RegistryClient.MANIFEST_LIST);
        var previousStable = current.map(RegistryClient.Manifest::digest).orElse("");
        guardStable(release, current, indexDigest, rollbackStable);
        guardTag(tag, indexDigest);

        for (var platform : prepared) {
            push(platform);
        }
        var pushed = registry.putManifest(tag, RegistryClient.MANIFEST_LIST, index);
        progress.info("pushed " + image.withTag(tag) + " (" + indexDigest + ")");
        if (!pushed.isEmpty() && !pushed.equals(indexDigest)) {
            throw new EnvironmentException("The registry stored " + image.withTag(tag) + " as " + pushed
                    + ", not as the " + indexDigest + " that was sent.", "Check the registry's manifest handling.");
        }
        try {
            verify(release, prepared, indexDigest);
            if (indexDigest.equals(previousStable)) {
                progress.info(image.withTag(STABLE) + " already points at " + indexDigest);
                return new PublishResult(tag, image, indexDigest, RegistryClient.MANIFEST_LIST, previousStable, false,
                        false, prepared);
            }
            registry.putManifest(STABLE, RegistryClient.MANIFEST_LIST, index);
            var now = registry.getManifest(STABLE, RegistryClient.MANIFEST_LIST).map(RegistryClient.Manifest::digest);
            if (!now.orElse("").equals(indexDigest)) {
                throw new EnvironmentException(":stable reads back as " + now.orElse("nothing") + " after the push.", "");
            }
        } catch (EnvironmentException e) {
            throw new EnvironmentException(image.withTag(tag) + " is published (" + indexDigest + "), but "
                    + image.withTag(STABLE) + " was not moved: " + e.getMessage() + " It still points at "
                    + (previousStable.isEmpty() ? "nothing (it did not exist)" : previousStable) + ".",
                    "Once the registry is reachable again, resume with 'mvn tailscale:publish"
                            + " -Dtailscale.imageVersion=" + tag + "' in the image project: it pushes nothing twice"
                            + " and moves :stable only after checking " + tag + " again.", e);
        }
        progress.info("moved " + image.withTag(STABLE) + " to " + indexDigest
                + (previousStable.isEmpty() ? " (new)" : " (was " + previousStable + ")"));
        return new PublishResult(tag, image, indexDigest, RegistryClient.MANIFEST_LIST, previousStable, true, false,
                prepared);
    }

    /**
     * Marks each entry of the list with the release tag (the immutable reference a router pulls
     * instead of the moving tag) and, when verify-size measured this release, the platform's
     * stored bytes (what a router compares with its free flash before pulling). Both sit in the
     * one document a router already GETs; the registry keeps the list's bytes as sent.
     */
    static byte[] annotate(byte[] list, String tag, Map<String, Long> storedBytes) throws IOException {
        var root = (ObjectNode) JSON.readTree(list);
        for (var entry : root.path("manifests")) {
            var platform = entry.path("platform");
            var name = platform.path("architecture").asText() + platform.path("variant").asText("");
            var annotations = ((ObjectNode) entry).putObject("annotations");
            annotations.put(VERSION_ANNOTATION, tag);
            var bytes = storedBytes.get(name);
            if (bytes != null) {
                annotations.put(STORED_BYTES_ANNOTATION, Long.toString(bytes));
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    private void describePlan(ReleaseVersion release, List<PreparedImage> prepared, String indexDigest) {
        var image = registry.image();
        progress.info("dry run: nothing is sent to " + image.registry());
        for (var p : prepared) {
            for (var layer : p.layers()) {
                progress.info("  would push layer " + layer.digest() + " (" + ByteSize.format(layer.size()) + ") for "
                        + p.platform().dockerName());
            }
            progress.info("  would push config " + p.configDigest() + " and manifest " + p.manifestDigest() + " for "
                    + p.platform().dockerName());
        }
        progress.info("  would push the manifest list " + indexDigest + " as " + image.withTag(release.tag()));
        progress.info("  would check it from the registry, then point " + image.withTag(STABLE) + " at " + indexDigest
                + " (unless :stable carries a newer release)");
    }

    private void push(PreparedImage image) throws EnvironmentException {
        int pushed = 0;
        for (var layer : image.layers()) {
            if (!registry.hasBlob(layer.digest())) {
                registry.pushBlob(layer.digest(), layer.file());
                pushed++;
            }
        }
        if (!registry.hasBlob(image.configDigest())) {
            var file = workDirectory.resolve("blobs").resolve(image.configDigest().substring(7) + ".json");
            try {
                java.nio.file.Files.write(file, image.config());
            } catch (IOException e) {
                throw new EnvironmentException("Cannot write " + file + ": " + e.getMessage(), "", e);
            }
            registry.pushBlob(image.configDigest(), file);
        }
        var stored = registry.putManifest(image.manifestDigest(), RegistryClient.MANIFEST, image.manifest());
        progress.info("pushed " + image.platform().dockerName() + ": " + pushed + " of " + image.layers().size()
                + " layers new, manifest " + (stored.isEmpty() ? image.manifestDigest() : stored) + ", "
                + ByteSize.format(image.transferBytes()) + " to pull");
    }

    /** {@code :stable} must not move backwards, and must not be replaced by something that is not a release. */
    private void guardStable(ReleaseVersion release, Optional<RegistryClient.Manifest> current, String indexDigest,
            boolean rollbackStable) throws EnvironmentException, ConfigurationException {
        if (current.isEmpty() || current.get().digest().equals(indexDigest)) {
            return;
        }
        var version = versionOf(current.get());
        if (version.isPresent() && version.get().compareTo(release) > 0 && !rollbackStable) {
            throw new ConfigurationException(new Problem("rollbackStable", registry.image().withTag(STABLE) + " carries "
                    + version.get() + ", which is newer than " + release + ": :stable never moves backwards.",
                    "Publish a newer release instead, or, to roll routers back on purpose, run again with"
                            + " -Dtailscale.rollbackStable=true."));
        }
        progress.info(registry.image().withTag(STABLE) + " now carries " + version.map(ReleaseVersion::tag)
                .orElse("no release version"));
    }

    /** Release tags are immutable: an existing {@code :<tag>} must already be this very release. */
    private void guardTag(String tag, String indexDigest) throws EnvironmentException, ConfigurationException {
        var existing = registry.getManifest(tag, RegistryClient.MANIFEST_LIST);
        if (existing.isPresent() && !existing.get().digest().equals(indexDigest)) {
            throw new ConfigurationException(new Problem("revision", registry.image().withTag(tag)
                    + " already exists with other content (" + existing.get().digest() + ").",
                    "Release tags are never overwritten: release a new revision (-Dtailscale.revision=next)."));
        }
    }

    /** Reads back what {@code :<tag>} serves and checks it is exactly the release. */
    private void verify(ReleaseVersion release, List<PreparedImage> prepared, String indexDigest)
            throws EnvironmentException {
        var tag = release.tag();
        var served = registry.getManifest(tag, RegistryClient.MANIFEST_LIST)
                .orElseThrow(() -> new EnvironmentException(registry.image().withTag(tag) + " is missing right after"
                        + " the push.", ""));
        if (!served.digest().equals(indexDigest) || !served.mediaType().startsWith(RegistryClient.MANIFEST_LIST)) {
            throw new EnvironmentException(registry.image().withTag(tag) + " is served as " + served.mediaType() + " "
                    + served.digest() + ", not as the pushed manifest list " + indexDigest + ".", "");
        }
        var entries = read(served.body()).path("manifests");
        var seen = new HashSet<String>();
        for (var entry : entries) {
            var platform = entry.path("platform");
            var name = platform.path("os").asText() + "/" + platform.path("architecture").asText()
                    + (platform.path("variant").asText("").isEmpty() ? "" : "/" + platform.path("variant").asText());
            var manifest = registry.getManifest(entry.path("digest").asText(), RegistryClient.MANIFEST)
                    .orElseThrow(() -> new EnvironmentException("The manifest of " + name + " is missing.", ""));
            var config = read(registry.getBlob(read(manifest.body()).path("config").path("digest").asText()));
            var configPlatform = config.path("os").asText() + "/" + config.path("architecture").asText()
                    + (config.path("variant").asText("").isEmpty() ? "" : "/" + config.path("variant").asText());
            var label = config.path("config").path("Labels").path(ImageLabels.VERSION_LABEL).asText("");
            if (!label.equals(tag)) {
                throw new EnvironmentException("The " + name + " image carries version label '" + label + "', not "
                        + tag + ".", "Build with -Dtailscale.imageVersion=" + tag + " (tailscale:release does).");
            }
            if (!configPlatform.equals(name) && !(name.equals("linux/arm64") && configPlatform.equals("linux/arm64/v8"))) {
                throw new EnvironmentException("The list entry " + name + " points at a " + configPlatform + " image.", "");
            }
            seen.add(name);
        }
        var expected = prepared.stream().map(p -> p.platform().dockerName()).toList();
        if (entries.size() != prepared.size() || !seen.containsAll(expected)) {
            throw new EnvironmentException(registry.image().withTag(tag) + " lists " + seen + ", expected exactly "
                    + expected + ".", "");
        }
        progress.info("checked " + registry.image().withTag(tag) + ": " + String.join(", ", expected)
                + ", each labelled " + tag);
    }

    private Optional<ReleaseVersion> versionOf(RegistryClient.Manifest list) throws EnvironmentException {
        var entries = read(list.body()).path("manifests");
        if (!entries.isArray() || entries.isEmpty()) {
            return Optional.empty();
        }
        var manifest = registry.getManifest(entries.get(0).path("digest").asText(), RegistryClient.MANIFEST);
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        var config = read(registry.getBlob(read(manifest.get().body()).path("config").path("digest").asText()));
        return ReleaseVersion.parse(config.path("config").path("Labels").path(ImageLabels.VERSION_LABEL).asText(""));
    }

    private static JsonNode read(byte[] body) throws EnvironmentException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new EnvironmentException("The registry returned something that is not JSON: " + e.getMessage(), "", e);
        }
    }
}
