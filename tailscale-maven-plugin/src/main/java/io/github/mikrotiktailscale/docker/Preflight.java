package io.github.mikrotiktailscale.docker;

import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Checks, before anything is built, that the docker CLI, buildx, the engine and QEMU are there and
 * usable, so a missing piece is one clear message instead of a failure deep inside a build.
 */
public final class Preflight {

    private Preflight() {}

    /** What the checks found. */
    public record Report(EngineVersion engine, String engineHost, BuilderInfo builder) {

        /** Whether the engine's own architecture runs this platform without emulation. */
        public boolean isNative(Platform platform) {
            return platform.architecture().equals(engine.architecture());
        }

        /** One line for the log: which engine and builder the build uses. */
        public String describe() {
            return "Docker Engine " + engine.version() + " (API " + engine.apiVersion() + ", " + engine.os() + "/"
                    + engine.architecture() + ") at " + engineHost + "; builder '" + builder.name() + "' ("
                    + builder.driver() + " driver" + (builder.buildkit().isEmpty() ? "" : ", BuildKit "
                            + builder.buildkit()) + ")" + (builder.remote() ? ", nodes " + builder.nodes().stream()
                                    .map(BuilderInfo.Node::describe).collect(Collectors.joining(", ")) : "");
        }
    }

    /**
     * @param targetStagesRun whether the Dockerfile runs commands in a target-platform stage; only
     *     then does a foreign platform need QEMU
     */
    public static Report check(BuilderLookup builder, DockerEngine engine, List<Platform> platforms,
            boolean targetStagesRun) throws EnvironmentException {
        return check(builder, engine.version(), engine.host(), platforms, targetStagesRun,
                new BinfmtHandlers(BinfmtHandlers.DEFAULT_ROOT));
    }

    /** What buildx says about the builder, possibly still being asked. */
    @FunctionalInterface
    public interface BuilderLookup {
        BuilderInfo get() throws EnvironmentException;
    }

    /**
     * Starts {@code docker buildx inspect} now and answers when asked: the CLI call then overlaps
     * with the engine client's start-up instead of adding to it.
     */
    public static BuilderLookup inspectInBackground(Buildx buildx, String builder) {
        var future = CompletableFuture.supplyAsync(() -> {
            try {
                return buildx.inspect(builder);
            } catch (EnvironmentException e) {
                throw new CompletionException(e);
            }
        });
        return () -> {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof EnvironmentException environment) {
                    throw environment;
                }
                throw e;
            }
        };
    }

    /** The checks on what the CLI and the engine said (separate so tests can give both). */
    static Report check(BuilderLookup builder, EngineVersion version, String host, List<Platform> platforms,
            boolean targetStagesRun, BinfmtHandlers binfmt) throws EnvironmentException {
        if (version.olderThanSupported()) {
            throw new EnvironmentException("Docker Engine " + version.version() + " at " + host + " speaks API "
                    + version.apiVersion() + ", older than Docker Engine 20.10 (API " + EngineVersion.OLDEST_API + ").",
                    "Upgrade the engine to 20.10 or newer.");
        }
        var info = builder.get();
        var report = new Report(version, host, info);
        requireReachableNodes(info, platforms);
        if (targetStagesRun) {
            // A local engine shares this kernel: its binfmt table is the truth. Remote engines and
            // BuildKit nodes of their own run elsewhere: trust what buildx lists for them.
            var local = host.startsWith("unix://") && !info.remote();
            var missing = platforms.stream()
                    .filter(p -> !report.isNative(p) || info.remote())
                    .filter(p -> !info.canRun(p) || (local && !binfmt.canRun(p).orElse(true)))
                    .toList();
            if (!missing.isEmpty()) {
                var names = missing.stream().map(Platform::dockerName).collect(Collectors.joining(", "));
                if (info.remote()) {
                    throw new EnvironmentException("No node of the builder '" + info.name() + "' builds " + names
                            + ": its nodes list " + info.nodes().stream().map(n -> n.name() + " " + n.platforms())
                                    .collect(Collectors.joining("; ")) + ".",
                            "Append a node for it: 'docker buildx create --append --name " + info.name()
                                    + " --node NAME --platform " + names.replace(" ", "") + " ENDPOINT', or register"
                                    + " QEMU user emulation on a node's machine and restart its buildkitd.");
                }
                var arches = missing.stream().map(p -> p.goarch()).distinct().collect(Collectors.joining(","));
                throw new EnvironmentException("No QEMU emulation is registered for " + names + ": the builder '"
                        + info.name() + "' cannot run those binaries, but a stage of the Dockerfile runs commands"
                        + " on the target platform.",
                        "Register QEMU user emulation once: 'docker run --privileged --rm tonistiigi/binfmt --install "
                                + arches + "', or on Debian 'apt-get install qemu-user-static binfmt-support'"
                                + " (then 'update-binfmts --enable'). Or build only native platforms with"
                                + " -Dtailscale.platforms=" + version.architecture() + ".");
            }
        }
        return report;
    }

    /**
     * Fails before anything is built when a node that would build one of the platforms does not
     * answer: otherwise buildx would quietly send the platform to another node that emulates it,
     * or fail half-way with one archive written and one not.
     */
    private static void requireReachableNodes(BuilderInfo info, List<Platform> platforms) throws EnvironmentException {
        if (!info.remote()) {
            return; // a docker-container builder is "inactive" until its first build starts it
        }
        for (var platform : platforms) {
            var node = info.nodeFor(platform);
            if (node.isEmpty() || node.get().reachable()) {
                continue;
            }
            var down = node.get();
            throw new EnvironmentException("Node '" + down.name() + "' of the builder '" + info.name() + "'"
                    + (down.endpoint().isEmpty() ? "" : " at " + down.endpoint()) + ", which builds "
                    + platform.dockerName() + ", does not answer: buildx says "
                    + (down.error().isEmpty() ? "its status is '" + down.status() + "'" : "'" + down.error() + "'")
                    + ". Nothing was built.",
                    "Start buildkitd on that node (on this project's CI machines: .ci/lib/buildkit.sh start) and"
                            + " check with 'docker buildx inspect " + info.name() + "'. If the node is gone for good,"
                            + " take it out with 'docker buildx create --leave --name " + info.name() + " --node "
                            + down.name() + "' and append its replacement with 'docker buildx create --append --name "
                            + info.name() + " --node NAME --platform " + String.join(",", down.declared())
                            + " ENDPOINT' (or 'docker buildx rm " + info.name() + "' and create the builder again).");
        }
    }
}
