package io.github.mikrotiktailscale.docker;

import io.github.mikrotiktailscale.image.Platform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code docker buildx inspect} says about a builder: its driver and its nodes, each with its
 * endpoint, status and the platforms it can build (its own plus those QEMU emulates there).
 */
public record BuilderInfo(String name, String driver, String buildkit, List<Node> nodes) {

    /** Drivers that can write an image archive themselves ({@code --output type=docker,dest=...}). */
    private static final Set<String> EXPORTING_DRIVERS = Set.of("docker-container", "kubernetes", "remote");

    private static final Set<String> NODE_KEYS = Set.of("name", "endpoint", "status", "error", "platforms");

    /**
     * One BuildKit node of the builder, as buildx lists it.
     *
     * @param platforms every platform the node can build, emulated ones included
     * @param declared those its owner gave it ({@code docker buildx create --platform}; starred in
     *     buildx's list): buildx sends a platform to a node that declares it before any other
     */
    public record Node(String name, String endpoint, String status, String error, List<String> platforms,
            List<String> declared) {

        public Node {
            platforms = List.copyOf(platforms);
            declared = List.copyOf(declared);
        }

        /** Whether the node's owner gave it this platform. */
        public boolean declares(Platform platform) {
            return declared.stream().anyMatch(p -> matches(p, platform));
        }

        /** buildx says "running" for a node it reached (older versions leave a node it did not try blank). */
        public boolean reachable() {
            return error.isEmpty() && (status.isEmpty() || status.equals("running"));
        }

        /**
         * Whether the node can run the platform's binaries. An empty list (an old buildx that prints
         * none) is taken as yes: the build itself will then say so.
         */
        public boolean canRun(Platform platform) {
            return platforms.isEmpty() || platforms.stream().anyMatch(p -> matches(p, platform))
                    // buildx lists QEMU's 32-bit ARM as v7 and v6 only; the same emulator runs v5 code.
                    || (platform == Platform.ARMV5 && (platforms.contains("linux/arm/v7") || platforms.contains("linux/arm/v6")));
        }

        /** One line for the log: name, endpoint and the platforms it was given. */
        public String describe() {
            return "'" + name + "'" + (endpoint.isEmpty() ? "" : " at " + endpoint)
                    + (declared.isEmpty() ? "" : " for " + String.join(",", declared));
        }

        private static boolean matches(String listed, Platform platform) {
            return listed.equals(platform.dockerName()) || (platform == Platform.ARM64 && listed.equals("linux/arm64/v8"));
        }
    }

    public BuilderInfo {
        nodes = List.copyOf(nodes);
    }

    /** A builder with one node that can build these platforms (tests, and buildx versions without a node list). */
    public static BuilderInfo singleNode(String name, String driver, String buildkit, List<String> platforms) {
        return new BuilderInfo(name, driver, buildkit, List.of(new Node(name, "", "", "", platforms, List.of())));
    }

    /**
     * Parses the plain-text output of {@code docker buildx inspect}: the builder's name and driver,
     * then under {@code Nodes:} one block per node, each starting with its {@code Name:}.
     */
    public static BuilderInfo parse(List<String> lines) {
        String name = "";
        String driver = "";
        String buildkit = "";
        var nodes = new ArrayList<NodeLines>();
        var inNodes = false;
        for (var line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            var key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            var value = line.substring(colon + 1).trim();
            if (key.equals("nodes")) {
                inNodes = true;
                continue;
            }
            if (key.equals("name") && !inNodes) {
                name = name.isEmpty() ? value : name;
                continue;
            }
            if (key.equals("driver")) {
                driver = driver.isEmpty() ? value : driver;
                continue;
            }
            if (key.equals("buildkit") || key.equals("buildkit version")) {
                buildkit = buildkit.isEmpty() ? value : buildkit;
                continue;
            }
            if (!NODE_KEYS.contains(key)) {
                continue;
            }
            if (key.equals("name") || nodes.isEmpty()) {
                nodes.add(new NodeLines());
            }
            var node = nodes.get(nodes.size() - 1);
            switch (key) {
                case "name" -> node.name = value;
                case "endpoint" -> node.endpoint = node.endpoint.isEmpty() ? value : node.endpoint;
                case "status" -> node.status = node.status.isEmpty() ? value : node.status;
                case "error" -> node.error = node.error.isEmpty() ? value : node.error;
                case "platforms" -> {
                    if (node.platforms.isEmpty()) {
                        var listed = Arrays.stream(value.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
                        node.platforms = listed.stream().map(p -> p.replace("*", "")).toList();
                        node.declared = listed.stream().filter(p -> p.endsWith("*")).map(p -> p.replace("*", "")).toList();
                    }
                }
                default -> { }
            }
        }
        var parsed = new ArrayList<Node>();
        for (var n : nodes) {
            parsed.add(new Node(n.name.isEmpty() ? name : n.name, n.endpoint, n.status, n.error, n.platforms, n.declared));
        }
        return new BuilderInfo(name, driver, buildkit, parsed);
    }

    /** A node's lines while parsing. */
    private static final class NodeLines {
        String name = "";
        String endpoint = "";
        String status = "";
        String error = "";
        List<String> platforms = List.of();
        List<String> declared = List.of();
    }

    /** Every platform some node lists, in the order buildx lists them. */
    public List<String> platforms() {
        var all = new LinkedHashSet<String>();
        nodes.forEach(n -> all.addAll(n.platforms()));
        return List.copyOf(all);
    }

    /** Whether the builder writes archives itself, so no {@code --load} and save is needed. */
    public boolean exportsArchives() {
        return EXPORTING_DRIVERS.contains(driver);
    }

    /** Whether the nodes are BuildKit daemons of their own ({@code remote} driver), not this machine's engine. */
    public boolean remote() {
        return driver.equals("remote");
    }

    /**
     * The node buildx sends the platform to: the first that declares it, else the first that can
     * run it (as buildx chooses), or empty when none can.
     */
    public Optional<Node> nodeFor(Platform platform) {
        return nodes.stream().filter(n -> n.declares(platform)).findFirst()
                .or(() -> nodes.stream().filter(n -> n.canRun(platform)).findFirst());
    }

    /** Whether some node can run the platform's binaries. */
    public boolean canRun(Platform platform) {
        return nodes.isEmpty() || nodeFor(platform).isPresent();
    }
}
