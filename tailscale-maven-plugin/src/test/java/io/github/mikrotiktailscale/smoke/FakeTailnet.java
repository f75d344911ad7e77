package io.github.mikrotiktailscale.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tailnet that behaves like a working image by default: nodes join, answer, route and resolve.
 * Its switches break one thing at a time, the way a missing feature would.
 */
final class FakeTailnet implements TailnetActions {

    static final String STATUS = resource("status-running.json");

    /** Time that passes only when the scenario waits. */
    static final class Clock implements Polling.Clock {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public void sleep(Duration duration) {
            now = now.plus(duration);
        }
    }

    boolean cliAccessDenied;
    boolean exitNodeCrashes;
    final List<String> started = new ArrayList<>();
    final List<String> removed = new ArrayList<>();
    private boolean visited;
    private boolean exitNodeSet;

    private static String resource(String name) {
        try (var in = FakeTailnet.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ImageLayout layout() {
        return new ImageLayout("/var/lib/tailscale", "tailscaled.state", "/var/run/tailscale/tailscaled.sock");
    }

    @Override
    public Tailnet.Node node(String name, int host, Map<String, String> environment, boolean stateVolume,
            boolean subnetRouter) {
        started.add(name);
        return new Tailnet.Node(name, "c-" + name, host, stateVolume ? "v-" + name : "", subnetRouter);
    }

    @Override
    public Duration stop(Tailnet.Node node, int graceSeconds) {
        return Duration.ofMillis(800);
    }

    @Override
    public void startAgain(Tailnet.Node node) {}

    @Override
    public void remove(Tailnet.Node node) {
        removed.add(node.name());
    }

    @Override
    public DockerCli.Result tailscale(Tailnet.Node node, String... command) {
        if (cliAccessDenied) {
            return new DockerCli.Result(1, List.of("Access denied: watch IPN bus access denied"));
        }
        if (command[0].equals("set")) {
            exitNodeSet = true;
        }
        if (command[0].equals("ping")) {
            return new DockerCli.Result(0, List.of("pong from node-a (100.64.0.1, 41641) via TSMP in 1ms"));
        }
        return new DockerCli.Result(0, List.of("100.64.0.1  node-b  linux  -", "100.64.0.2  node-a  linux  -"));
    }

    @Override
    public DockerCli.Result harness(String container, String... command) {
        return switch (command[0]) {
            case "cat" -> new DockerCli.Result(0, List.of("{\"event\":\"file\",\"content\":\"1\"}",
                    "{\"event\":\"file\",\"content\":\"1\"}"));
            case "ping" -> {
                var address = command[command.length - 1];
                boolean through = !(exitNodeCrashes && exitNodeSet && address.equals(Topology.INTERNET_HOST));
                yield new DockerCli.Result(0, List.of(through
                        ? "{\"event\":\"ping-summary\",\"received\":2,\"rttMs\":[1.0,1.2],\"sent\":2}"
                        : "{\"event\":\"ping-summary\",\"received\":0,\"rttMs\":null,\"sent\":2}"));
            }
            case "connect" -> new DockerCli.Result(0, List.of("{\"event\":\"connected\",\"to\":\""
                    + command[command.length - 1] + "\",\"ms\":1.0,\"outcome\":\"refused\"}"));
            case "resolve" -> {
                var name = command[command.length - 1];
                var aaaa = List.of(command).contains("AAAA");
                var address = name.equals(Topology.PRIVATE_NAME) ? Topology.INTERNET_HOST
                        : aaaa ? "fd7a:115c:a1e0:ab12:4843:cd96:6240:1" : "100.64.0.1";
                yield new DockerCli.Result(0, List.of("{\"addresses\":[\"" + address + "\"],\"event\":\"resolved\","
                        + "\"name\":\"" + name + "\",\"rcode\":\"NOERROR\",\"server\":\"100.100.100.100\"}"));
            }
            case "visit" -> {
                visited = true;
                yield new DockerCli.Result(0, List.of("{\"event\":\"visited\",\"status\":200}"));
            }
            default -> new DockerCli.Result(2, List.of("unknown harness command " + command[0]));
        };
    }

    @Override
    public Tailnet.StatusReading status(Tailnet.Node node) {
        if (cliAccessDenied) {
            return new Tailnet.StatusReading(Optional.empty(), "Access denied: status access denied");
        }
        if (node.name().equals("node-c") && !visited || node.name().equals("node-ca1")) {
            return new Tailnet.StatusReading(Optional.empty(), "NeedsLogin");
        }
        return new Tailnet.StatusReading(Optional.of(TailscaleStatus.parse(STATUS)), STATUS);
    }

    @Override
    public List<String> logs(String container, Instant since, Instant until) {
        if (container.equals(testHost())) {
            return List.of("query " + Topology.PRIVATE_NAME + " from " + Topology.SUBNET_ROUTER_ADDRESS);
        }
        if (container.equals(control())) {
            return List.of("{\"event\":\"ready\",\"privateCAPEM\":\"-----BEGIN CERTIFICATE-----\"}");
        }
        if (container.equals("c-node-ca1")) {
            return List.of("entrypoint: logging in", PrivateCaChecks.HINT + "; mount a directory holding that CA's"
                    + " certificate (PEM) " + PrivateCaChecks.REMEDY);
        }
        var lines = new ArrayList<String>();
        if (exitNodeCrashes && exitNodeSet && container.equals("c-node-a")) {
            lines.add("panic: runtime error: invalid memory address or nil pointer dereference");
        }
        if (since != null) {
            return lines; // nothing new: no second login, no noise
        }
        if (container.equals("c-node-c")) {
            lines.add("entrypoint: logging in");
            lines.add("To authenticate, visit: http://10.98.0.1:8081/auth/0123456789abcdef");
            if (visited) {
                lines.add("entrypoint: logged in");
            }
        } else if (!cliAccessDenied) {
            lines.add("entrypoint: logging in");
            lines.add("entrypoint: logged in");
        } else {
            lines.add("entrypoint: logging in");
            lines.add("entrypoint: 'tailscale up' failed: access denied");
        }
        return lines;
    }

    @Override
    public String watch(String node) {
        return "watcher-" + node;
    }

    @Override
    public List<String> stopWatching(String watcher) {
        return List.of();
    }

    @Override
    public String state(String container) {
        return exitNodeCrashes && exitNodeSet && container.equals("c-node-a") ? "false 2 0" : "true 0 0";
    }

    @Override
    public String testHost() {
        return "c-testhost";
    }

    @Override
    public DockerCli.Result exec(String container, String... command) {
        return new DockerCli.Result(0, List.of());
    }

    @Override
    public String control() {
        return "c-control";
    }

    @Override
    public String volumeWith(String role, java.nio.file.Path file, String name) {
        return "v-" + role;
    }

    @Override
    public Tailnet.Node node(String name, int host, Map<String, String> environment, boolean stateVolume,
            boolean subnetRouter, String... mounts) {
        return node(name, host, environment, stateVolume, subnetRouter);
    }
}
