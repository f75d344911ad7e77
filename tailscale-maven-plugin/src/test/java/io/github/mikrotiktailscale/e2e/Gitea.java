package io.github.mikrotiktailscale.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Gitea (the forge the original publishes to) on loopback with SQLite, started by
 * {@code .ci/lib/gitea.sh}: one user, its container registry and git over HTTP. The binary is
 * built from the Go module proxy once per machine (~8 min) and cached.
 */
final class Gitea implements AutoCloseable {

    static final String USER = "releaser";
    private static final Path SCRIPT = Toolchain.PROJECT_ROOT.resolve(".ci/lib/gitea.sh");

    private final Path directory;
    private final int port;
    private volatile String pid;

    private Gitea(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Builds Gitea if this machine has not yet, starts a fresh instance and creates {@link #USER}. */
    static Gitea start(Path directory, String password) throws IOException {
        var built = Toolchain.run(List.of(SCRIPT.toString(), "build"), 1800);
        if (built.code() != 0) {
            var why = "cannot build Gitea with " + SCRIPT + " build (it needs Go and the Go module proxy):\n"
                    + built.output();
            if (Toolchain.required()) {
                fail(why);
            }
            System.err.println("[e2e] SKIPPED: " + why);
            Assumptions.abort(why);
        }
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Toolchain.delete(directory);
        var gitea = new Gitea(directory, port);
        gitea.launch();
        var created = gitea.admin("user", "create", "--username", USER, "--password", password, "--email",
                USER + "@example.invalid", "--must-change-password=false");
        if (!created.contains("successfully created")) {
            gitea.close();
            fail("cannot create the Gitea user: " + created);
        }
        return gitea;
    }

    private void launch() {
        var started = Toolchain.run(List.of(SCRIPT.toString(), "start", directory.toString(), String.valueOf(port)), 120);
        if (started.code() != 0) {
            fail("cannot start Gitea: " + started.output());
        }
        var lines = started.output().trim().lines().toList();
        pid = lines.get(lines.size() - 1).trim();
    }

    /** {@code gitea admin ARGS} on this instance; its output (Gitea prints a warning for root first). */
    String admin(String... args) {
        var command = new ArrayList<>(List.of(SCRIPT.toString(), "admin", directory.toString()));
        command.addAll(List.of(args));
        var result = Toolchain.run(command, 120);
        if (result.code() != 0) {
            fail("gitea admin " + String.join(" ", args) + ": " + result.output());
        }
        return result.output().trim();
    }

    /** A new access token of {@link #USER} with these scopes, e.g. {@code read:package}. */
    String accessToken(String name, String scopes) {
        var lines = admin("user", "generate-access-token", "--username", USER, "--token-name", name, "--scopes",
                scopes, "--raw").lines().toList();
        return lines.get(lines.size() - 1).trim();
    }

    /** An empty public repository of {@link #USER}, made through the API as a user would. */
    void createRepository(String name, String password) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/v1/user/repos")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"private\":false}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            fail("cannot create the repository " + name + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** {@code 127.0.0.1:PORT}: the registry host, as its token realm names it. */
    String host() {
        return "127.0.0.1:" + port;
    }

    String url(String path) {
        return "http://" + host() + path;
    }

    /** Gitea's own request log: which endpoints the release really used. */
    String log() throws IOException {
        var file = directory.resolve("log/gitea.log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Stops the instance (its data stays for {@link #restart}). */
    void stop() {
        var current = pid;
        if (current != null) {
            Toolchain.run(List.of("sh", "-c", "kill " + current + " 2>/dev/null; while kill -0 " + current
                    + " 2>/dev/null; do sleep 0.1; done"), 60);
            pid = null;
        }
    }

    /** Starts it again on the same port with the same data. */
    void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }
}
