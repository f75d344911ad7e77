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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
            var network = network(settings);
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
        var results = new ArrayList<PlatformBuild>();
        if (settings.parallel() && platforms.size() > 1) {
            var pool = Executors.newFixedThreadPool(platforms.size());
            try {
                var futures = new ArrayList<Future<PlatformBuild>>();
                for (var platform : platforms) {
                    futures.add(pool.submit(() -> buildPlatform(settings, engineContext, platform, hashes.get(platform),
                            network, preflight)));
                }
                EnvironmentException failure = null;
                for (var future : futures) {
                    try {
                        results.add(future.get());
                    } catch (ExecutionException e) {
                        var cause = e.getCause() instanceof EnvironmentException env ? env
                                : new EnvironmentException("The build failed: " + e.getCause(), "", e.getCause());
                        if (failure == null) {
                            failure = cause;
                        } else {
                            failure.addSuppressed(cause);
                        }
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            } finally {
                pool.shutdownNow();
            }
        } else {
            for (var platform : platforms) {
                results.add(buildPlatform(settings, engineContext, platform, hashes.get(platform), network, preflight));
            }
        }
        return results;
    }

    private String network(BuildSettings settings) throws EnvironmentException {
        if (!BuildSettings.AUTO_NETWORK.equals(settings.network())) {
            return settings.network();
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
                true, hash, previous.localTag()));
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
        var request = new BuildxRequest(platform, engineContext, settings.dockerfile(), settings.buildArgs(),
                network, settings.builder(), settings.noCache(), settings.pull(), temporaryTag, archive);
        var emulated = settings.targetStagesRun() && !preflight.isNative(platform);
        var logFile = settings.imagesDirectory().resolve("logs").resolve(platform.shortName() + ".log");
        listener.info(tag + "building " + platform.dockerName() + (emulated ? " (target stages under QEMU)" : "")
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
        var imageId = SavedArchive.imageId(archive, platform);
        var result = new PlatformBuild(platform, imageId, archive, sizeOf(archive), seconds, false, hash, localTag);
        try {
            ImagesIndex.recordBuild(settings.imagesDirectory(), result);
        } catch (IOException e) {
            throw DiskProblems.whileWriting(settings.imagesDirectory(), e);
        }
        listener.info(String.format(Locale.ROOT, "%sbuilt in %.1f s: %s, %s%s", tag, seconds, shortId(imageId),
                ByteSize.format(result.archiveBytes()), localTag.isEmpty() ? "" : ", tagged " + localTag));
        return result;
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
