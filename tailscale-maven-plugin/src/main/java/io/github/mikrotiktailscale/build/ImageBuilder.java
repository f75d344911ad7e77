package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.progress.Progress;
import io.github.mikrotiktailscale.archive.ByteSize;
import io.github.mikrotiktailscale.docker.BuildFailures;
import io.github.mikrotiktailscale.docker.Buildx;
import io.github.mikrotiktailscale.docker.BuildxRequest;
import io.github.mikrotiktailscale.docker.DiskProblems;
import io.github.mikrotiktailscale.docker.BuildEngine;
import io.github.mikrotiktailscale.docker.Preflight;
import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds one image archive per platform with {@code docker buildx}: skips platforms whose inputs
 * have not changed, builds the others (in sequence, or all at once), saves and checks each archive
 * and records the result. A failed platform never leaves an archive that looks current.
 */
public final class ImageBuilder {

    /** How often a running build reports its current step at INFO: well inside the 15 s a person waits. */
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(10);

    /** No provenance or SBOM manifests: the router image is one manifest per platform. */
    private static final Map<String, String> BUILDX_ENVIRONMENT = Map.of("BUILDX_NO_DEFAULT_ATTESTATIONS", "1");

    private final Buildx buildx;
    private final BuildEngine engine;
    private final Progress listener;
    private final Duration statusInterval;

    public ImageBuilder(Buildx buildx, BuildEngine engine, Progress listener) {
        this(buildx, engine, listener, STATUS_INTERVAL);
    }

    ImageBuilder(Buildx buildx, BuildEngine engine, Progress listener, Duration statusInterval) {
        this.buildx = buildx;
        this.engine = engine;
        this.listener = listener;
        this.statusInterval = statusInterval;
    }

    /** Runs the preflight checks; called only when some platform really has to be built. */
    @FunctionalInterface
    public interface PreflightCheck {
        Preflight.Report run() throws EnvironmentException;
    }

    /**
     * Builds every platform of the settings and writes {@code images.json}. Platforms whose inputs
     * are unchanged are settled first, without asking the engine anything: a run with nothing to
     * do costs no more than hashing the context.
     */
    public BuildTable build(BuildSettings settings, PreflightCheck preflightCheck)
            throws ConfigurationException, EnvironmentException, InterruptedException {
        long started = System.nanoTime();
        var results = new java.util.LinkedHashMap<Platform, PlatformBuild>();
        var hashes = new java.util.HashMap<Platform, String>();
        var toBuild = new ArrayList<Platform>();
        for (var platform : settings.platforms()) {
            var hash = inputHash(settings, platform);
            hashes.put(platform, hash);
            var upToDate = upToDate(settings, platform, hash);
            results.put(platform, upToDate.orElse(null));
            if (upToDate.isEmpty()) {
                toBuild.add(platform);
            }
        }
        if (!toBuild.isEmpty()) {
            Armv5BusyboxStage.check(settings.dockerfileFacts(), toBuild);
            var preflight = preflightCheck.run();
            var network = network(settings, preflight);
            var engineContext = EngineContext.forBuild(settings, listener);
            for (var built : buildAll(settings, engineContext, toBuild, hashes, network, preflight)) {
                results.put(built.platform(), built);
            }
        }
        var ordered = List.copyOf(results.values());
        try {
            ImagesIndex.write(settings.imagesDirectory(), settings.imageVersion(), ordered);
        } catch (IOException e) {
            throw DiskProblems.whileWriting(settings.imagesDirectory().resolve(ImagesIndex.FILE), e);
        }
        return new BuildTable(ordered, (System.nanoTime() - started) / 1e9);
    }

    private List<PlatformBuild> buildAll(BuildSettings settings, Path engineContext, List<Platform> platforms,
            Map<Platform, String> hashes, String network, Preflight.Report preflight)
            throws EnvironmentException, InterruptedException {
        var lanes = BuildLanes.of(platforms, preflight.builder(), settings.parallel());
        if (lanes.size() > 1 && !settings.parallel()) {
            listener.info("Building on " + lanes.size() + " nodes at once: " + BuildLanes.describe(lanes) + ".");
        }
        return BuildLanes.run(lanes, platform -> buildPlatform(settings, engineContext, platform, hashes.get(platform),
                network, preflight));
    }

    private String network(BuildSettings settings, Preflight.Report preflight) throws EnvironmentException {
        if (!BuildSettings.AUTO_NETWORK.equals(settings.network())) {
            return settings.network();
        }
        if (preflight.builder().remote()) {
            return ""; // the nodes' own network: this engine's bridge says nothing about theirs
        }
        if (engine.hasNetwork("bridge")) {
            return "";
        }
        listener.info("The engine has no bridge network: building with --network host.");
        return "host";
    }

    private String inputHash(BuildSettings settings, Platform platform) throws EnvironmentException {
        var baseImageIds = new java.util.TreeMap<String, String>();
        for (var image : settings.dockerfileFacts().unpinnedBaseImages(platform)) {
            baseImageIds.put(image, engine.imageId(image).orElse("absent"));
        }
        try {
            return InputHash.of(settings.context(), settings.outputs(), settings.dockerfile(), settings.buildArgs(), platform, baseImageIds);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read the build context " + settings.context() + ": " + e.getMessage(),
                    "Run the generate goal first (mvn package does), or check -Dtailscale.contextDirectory.", e);
        }
    }

    /** The last build of the platform, when its inputs are unchanged and its archive is still there. */
    private java.util.Optional<PlatformBuild> upToDate(BuildSettings settings, Platform platform, String hash) {
        var archive = settings.archive(platform);
        var last = ImagesIndex.lastBuild(settings.imagesDirectory(), platform);
        if (settings.force() || last.isEmpty() || !last.get().inputHash().equals(hash) || !Files.isRegularFile(archive)
                || sizeOf(archive) != last.get().archiveBytes()) {
            return java.util.Optional.empty();
        }
        listener.info("[" + platform.shortName() + "] up to date: inputs unchanged since the last build, keeping "
                + archive.getFileName() + " (-Dtailscale.force rebuilds)");
        var previous = last.get();
        return java.util.Optional.of(new PlatformBuild(platform, previous.imageId(), archive, previous.archiveBytes(), 0,
                true, hash, previous.localTag(), previous.node()));
    }

    private PlatformBuild buildPlatform(BuildSettings settings, Path engineContext, Platform platform, String hash,
            String network, Preflight.Report preflight) throws EnvironmentException, InterruptedException {
        var tag = "[" + platform.shortName() + "] ";
        var archive = settings.archive(platform);
        try {
            ImagesIndex.forgetBuild(settings.imagesDirectory(), platform);
            Files.deleteIfExists(archive);
            Files.createDirectories(settings.imagesDirectory().resolve("logs"));
        } catch (IOException e) {
            throw DiskProblems.whileWriting(archive, e);
        }
        var exportsArchive = preflight.builder().exportsArchives();
        var temporaryTag = exportsArchive ? "" : "tailscale-maven-plugin-build/" + sanitize(settings.imageName()) + ":"
                + platform.shortName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        // buildx writes an exported archive as it goes: a node that dies mid-build must not leave
        // a half-written file under the archive's name.
        var partial = archive.resolveSibling(archive.getFileName() + ".partial");
        var metadata = settings.imagesDirectory().resolve("logs").resolve(platform.shortName() + ".metadata.json");
        deleteQuietly(partial);
        deleteQuietly(metadata);
        var request = new BuildxRequest(platform, engineContext, settings.dockerfile(), settings.buildArgs(),
                network, settings.builder(), settings.noCache(), settings.pull(), temporaryTag, partial, metadata);
        var logFile = settings.imagesDirectory().resolve("logs").resolve(platform.shortName() + ".log");
        listener.info(tag + "building " + platform.dockerName() + where(settings, preflight, platform)
                + "; its output goes to " + logFile);
        long started = System.nanoTime();
        List<String> tail;
        int exit;
        try (var log = new BuildLog(logFile, tag, listener, statusInterval)) {
            log.write("$ " + String.join(" ", request.commandLine(buildx.docker())));
            exit = buildx.build(request, BUILDX_ENVIRONMENT, log::line);
            tail = log.tail();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw DiskProblems.whileWriting(logFile, e instanceof IOException io ? io : ((java.io.UncheckedIOException) e).getCause());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            deleteQuietly(partial);
            reportFailure(tag, logFile);
            untagQuietly(temporaryTag);
            var explanation = BuildFailures.explain(tail, platform, settings.baseImageFallback());
            throw new EnvironmentException(String.format(Locale.ROOT, "docker buildx build failed for %s (exit %d) after"
                    + " %.1f s.", platform.dockerName(), exit, seconds), explanation.orElse(
                    "Its output is above and in " + logFile + "."));
        }
        var localTag = "";
        if (!exportsArchive) {
            listener.info(tag + "saving the image to " + archive.getFileName());
            try {
                engine.save(temporaryTag, archive);
                localTag = settings.localTag(platform);
                int colon = localTag.lastIndexOf(':');
                engine.tag(temporaryTag, localTag.substring(0, colon), localTag.substring(colon + 1));
            } finally {
                untagQuietly(temporaryTag);
            }
        }
        if (exportsArchive) {
            SavedArchive.imageId(partial, platform);
            try {
                Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                deleteQuietly(partial);
                throw DiskProblems.whileWriting(archive, e);
            }
        }
        var imageId = SavedArchive.imageId(archive, platform);
        var node = BuildMetadata.builderNode(metadata);
        var result = new PlatformBuild(platform, imageId, archive, sizeOf(archive), seconds, false, hash, localTag, node);
        try {
            ImagesIndex.recordBuild(settings.imagesDirectory(), result);
        } catch (IOException e) {
            throw DiskProblems.whileWriting(settings.imagesDirectory(), e);
        }
        listener.info(String.format(Locale.ROOT, "%sbuilt in %.1f s%s: %s, %s%s", tag, seconds,
                node.isEmpty() ? "" : " on " + node, shortId(imageId), ByteSize.format(result.archiveBytes()),
                localTag.isEmpty() ? "" : ", tagged " + localTag));
        return result;
    }

    /** Where the platform builds, for the log: the QEMU note on one engine, the node on a remote builder. */
    private static String where(BuildSettings settings, Preflight.Report preflight, Platform platform) {
        if (preflight.builder().remote()) {
            return preflight.builder().nodeFor(platform).map(n -> " on node " + n.describe()).orElse("");
        }
        return settings.targetStagesRun() && !preflight.isNative(platform) ? " (target stages under QEMU)" : "";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover .partial is never read as an archive; the next build replaces it
        }
    }

    private void reportFailure(String tag, Path logFile) {
        listener.error(tag + "build failed; its output follows (also in " + logFile + "):");
        try (var lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            lines.forEach(line -> listener.error(tag + line));
        } catch (IOException | java.io.UncheckedIOException e) {
            listener.error(tag + "(cannot read " + logFile + ": " + e.getMessage() + ")");
        }
    }

    private void untagQuietly(String reference) {
        if (reference.isEmpty()) {
            return;
        }
        try {
            engine.untag(reference);
        } catch (EnvironmentException e) {
            listener.warn("Could not remove the temporary tag " + reference + ": " + e.getMessage());
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String shortId(String imageId) {
        return imageId.length() > 19 ? imageId.substring(0, 19) : imageId;
    }

    private static String sanitize(String name) {
        var clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return clean.isEmpty() ? "image" : clean;
    }
}
