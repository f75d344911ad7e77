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
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** A real registry (Debian's docker-registry) on loopback, with htpasswd authentication. */
final class Registry implements AutoCloseable {

    static final String USER = "releaser";

    private final int port;
    private final String password;
    private final String pid;

    private Registry(int port, String password, String pid) {
        this.port = port;
        this.password = password;
        this.pid = pid;
    }

    /** A registry that anyone may pull from and push to, as a public read registry looks to a router. */
    static Registry startAnonymous(Path directory) throws IOException {
        return start(directory, null);
    }

    static Registry start(Path directory, String password) throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Toolchain.delete(directory);
        Files.createDirectories(directory);
        var command = new java.util.ArrayList<>(List.of(Toolchain.PROJECT_ROOT.resolve(".ci/lib/start-registry.sh")
                .toString(), String.valueOf(port), directory.resolve("storage").toString()));
        if (password != null) {
            var htpasswd = directory.resolve("htpasswd");
            var hash = Toolchain.run(List.of("htpasswd", "-Bbn", USER, password), 30);
            if (hash.code() != 0) {
                fail("htpasswd failed: " + hash.output());
            }
            Files.writeString(htpasswd, hash.output().trim() + "\n");
            command.add(htpasswd.toString());
        }
        var started = Toolchain.run(command, 60);
        if (started.code() != 0) {
            fail("cannot start a registry: " + started.output());
        }
        var lines = started.output().trim().lines().toList();
        return new Registry(port, password, lines.get(lines.size() - 1).trim());
    }

    String host() {
        return "localhost:" + port;
    }

    int port() {
        return port;
    }

    /** The digest a client asking with exactly this one Accept header is told, as RouterOS asks. */
    Optional<String> headDigest(String repository, String reference, String accept) throws Exception {
        var request = HttpRequest.newBuilder(
                        URI.create("http://" + host() + "/v2/" + repository + "/manifests/" + reference))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", accept);
        if (password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (USER + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        var response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200 ? response.headers().firstValue("Docker-Content-Digest") : Optional.empty();
    }

    void stop() {
        Toolchain.run(List.of("sh", "-c", "kill " + pid + " 2>/dev/null; while kill -0 " + pid
                + " 2>/dev/null; do sleep 0.1; done"), 30);
    }

    @Override
    public void close() {
        stop();
    }
}
