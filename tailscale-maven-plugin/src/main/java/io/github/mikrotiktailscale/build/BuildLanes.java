package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.docker.BuilderInfo;
import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Which platforms build at the same time: each lane runs its platforms one after another, the
 * lanes run at once. One lane on one node (the engine's cores are better spent on one build at a
 * time), one lane per platform when asked for parallel builds, and one lane per node of a
 * multi-node builder: each node builds its own platforms while the others build theirs.
 */
final class BuildLanes {

    private BuildLanes() {}

    static List<List<Platform>> of(List<Platform> platforms, BuilderInfo builder, boolean parallel) {
        if (parallel) {
            return platforms.stream().map(List::of).toList();
        }
        var byNode = new LinkedHashMap<String, List<Platform>>();
        for (var platform : platforms) {
            var node = builder.nodes().size() > 1 ? builder.nodeFor(platform).map(BuilderInfo.Node::name).orElse("") : "";
            byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(platform);
        }
        return byNode.values().stream().map(List::copyOf).toList();
    }

    /** Builds one platform. */
    @FunctionalInterface
    interface PlatformTask {
        PlatformBuild build(Platform platform) throws EnvironmentException, InterruptedException;
    }

    /** "amd64, arm64+armv7": the lanes for the log. */
    static String describe(List<List<Platform>> lanes) {
        return lanes.stream().map(lane -> lane.stream().map(Platform::shortName).collect(Collectors.joining("+")))
                .collect(Collectors.joining(", "));
    }

    /**
     * Runs the lanes, at once when there are several. Every lane finishes (or fails) before this
     * returns; the first failure is thrown, later ones suppressed under it.
     */
    static List<PlatformBuild> run(List<List<Platform>> lanes, PlatformTask task)
            throws EnvironmentException, InterruptedException {
        var results = new ArrayList<PlatformBuild>();
        if (lanes.size() == 1) {
            for (var platform : lanes.get(0)) {
                results.add(task.build(platform));
            }
            return results;
        }
        var pool = Executors.newFixedThreadPool(lanes.size());
        try {
            var futures = new ArrayList<Future<List<PlatformBuild>>>();
            for (var lane : lanes) {
                futures.add(pool.submit(() -> {
                    var built = new ArrayList<PlatformBuild>();
                    for (var platform : lane) {
                        built.add(task.build(platform));
                    }
                    return built;
                }));
            }
            EnvironmentException failure = null;
            for (var future : futures) {
                try {
                    results.addAll(future.get());
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
        return results;
    }
}
