package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.smoke.Tailnet.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A self-hosted control server whose certificate comes from a private CA (the harness makes one
 * at start, so no bundle and no baked-in root can know it). Without that CA a node cannot log in,
 * and the entrypoint must say what to do; with the CA's PEM in a directory mounted on
 * {@code /etc/ssl/certs}, as USAGE.md tells router owners, the same settings join. Either trust
 * store fails the same way here: a CA bundle only holds public roots.
 */
final class PrivateCaChecks {

    /** The start of the entrypoint's line, and the remedy it must name. */
    static final String HINT = "entrypoint: the login server's certificate is from a CA this image does not trust";
    static final String REMEDY = "on /etc/ssl/certs, then restart";
    /** Where Go looks for roots (every file in it) besides the bundle file; the image has nothing there. */
    static final String CA_DIRECTORY = "/etc/ssl/certs";
    static final String WITHOUT = "private CA: no login, the log says why";
    static final String WITH = "private CA mounted: the node joins";

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final TailnetActions net;
    private final Polling polling;
    private final Optional<Set<String>> features;
    private final Consumer<Check> add;

    PrivateCaChecks(TailnetActions net, Polling polling, Optional<Set<String>> features, Consumer<Check> add) {
        this.net = net;
        this.polling = polling;
        this.features = features;
        this.add = add;
    }

    void run() throws EnvironmentException, InterruptedException {
        var pem = caPem(net.logs(net.control(), null, null));
        if (pem.isEmpty()) {
            add.accept(Check.fail(WITHOUT, "the control server's ready event carries no private CA",
                    "the harness was started without -tls-port"));
            return;
        }
        var without = net.node("node-ca1", 31, environment("node-ca1"), false, false);
        var hinted = awaitLog(without, REMEDY);
        var reading = net.status(without);
        add.accept(withoutCa(hinted, reading.running(), lastLines(without), trustStore(features), features));
        net.remove(without);

        var volume = net.volumeWith("private-ca", writeTemporary(pem), "private-ca.pem");
        var with = net.node("node-ca2", 32, environment("node-ca2"), false, false,
                volume + ":" + CA_DIRECTORY + ":ro");
        var loggedIn = awaitLog(with, "entrypoint: logged in");
        add.accept(withCa(loggedIn, net.status(with).running(), lastLines(with)));
        net.remove(with);
    }

    static Map<String, String> environment(String hostname) {
        return Map.of("TS_AUTHKEY", Tailnet.AUTH_KEY, "TS_HOSTNAME", hostname, "TS_LOGIN_SERVER", Topology.privateCaUrl());
    }

    /** The private CA's certificate from the control server's ready event, or empty. */
    static String caPem(List<String> controlLog) {
        return HarnessOutput.first(controlLog, "ready").map(e -> e.path("privateCAPEM").asText("")).orElse("");
    }

    static String trustStore(Optional<Set<String>> features) {
        return features.map(f -> f.contains("bakedroots") ? "image with Let's Encrypt roots only (bakedroots)"
                : "image with the CA bundle").orElse("image of unknown trust store");
    }

    static Check withoutCa(boolean hinted, boolean running, String log, String trustStore,
            Optional<Set<String>> features) {
        if (running) {
            return Check.fail(WITHOUT, "joined " + Topology.privateCaUrl() + " without its CA; " + trustStore,
                    "the certificate check passed a CA nobody trusted: the image trusts more than it should");
        }
        if (!hinted) {
            var cause = features.map(f -> f.contains("health")).orElse(true)
                    ? "the entrypoint did not recognise the failed certificate check; see the log"
                    : "health is omitted: the entrypoint reads the login error from 'tailscale status --json' (Health)";
            return Check.fail(WITHOUT, "not logged in, but no hint in the log: " + log, cause);
        }
        return Check.pass(WITHOUT, trustStore + ": not logged in, and the log says to mount the CA "
                + REMEDY.replace(", then restart", ""));
    }

    static Check withCa(boolean loggedIn, boolean running, String log) {
        if (loggedIn && running) {
            return Check.pass(WITH, "CA's PEM in a directory on " + CA_DIRECTORY + ": Running, 'tailscale up' reported"
                    + " success");
        }
        return Check.fail(WITH, "with the CA on " + CA_DIRECTORY + ": " + (running ? "running" : "not running")
                + ", log: " + log, "Go reads every file in " + CA_DIRECTORY + "; check the mount and the PEM");
    }

    private boolean awaitLog(Node node, String text) throws EnvironmentException, InterruptedException {
        return polling.within(polling.now().plus(PATIENCE), Duration.ofMillis(500),
                () -> net.logs(node.container(), null, null).stream().anyMatch(l -> l.contains(text)));
    }

    private String lastLines(Node node) throws EnvironmentException, InterruptedException {
        var lines = net.logs(node.container(), null, null);
        return PlatformSmoke.oneLine(String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
    }

    private static Path writeTemporary(String pem) throws EnvironmentException {
        try {
            var file = Files.createTempFile("smoke-private-ca", ".pem");
            file.toFile().deleteOnExit();
            file.toFile().setReadable(true, false);
            return Files.writeString(file, pem, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot write the private CA's certificate to a temporary file: "
                    + e.getMessage(), "Check that java.io.tmpdir (" + System.getProperty("java.io.tmpdir")
                    + ") is writable.");
        }
    }
}
