package io.github.mikrotiktailscale.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy in front of the real registry that goes away, like a registry stopping,
 * right after it has passed on the first successful push of a manifest whose reference matches.
 * It lets a test stop "the registry" between a release's {@code :<tag>} and its {@code :stable}.
 */
final class StoppingProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length",
            "transfer-encoding", "keep-alive", "upgrade", "expect");

    private final HttpServer server;
    private final String upstream;
    private final Pattern stopAfter;
    private final Runnable alsoStop;
    private final HttpClient client = HttpClient.newHttpClient();
    private volatile boolean stopped;

    StoppingProxy(String upstreamHost, Pattern stopAfterManifestPut) throws IOException {
        this(upstreamHost, stopAfterManifestPut, () -> {});
    }

    /** As above, and {@code alsoStop} stops the registry behind it at the same moment. */
    StoppingProxy(String upstreamHost, Pattern stopAfterManifestPut, Runnable alsoStop) throws IOException {
        this.upstream = upstreamHost;
        this.stopAfter = stopAfterManifestPut;
        this.alsoStop = alsoStop;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String host() {
        return "localhost:" + server.getAddress().getPort();
    }

    boolean stopped() {
        return stopped;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (stopped) {
                return; // closed without an answer, as a registry going away mid-request
            }
            var path = exchange.getRequestURI().toString();
            var request = HttpRequest.newBuilder(URI.create("http://" + upstream + path))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(
                            exchange.getRequestBody().readAllBytes()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v.replace(upstream, host())));
                }
            });
            var body = response.body();
            boolean noBody = exchange.getRequestMethod().equals("HEAD") || body.length == 0;
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : body.length);
            if (!noBody) {
                exchange.getResponseBody().write(body);
            }
            if (exchange.getRequestMethod().equals("PUT") && response.statusCode() == 201
                    && stopAfter.matcher(path).find()) {
                stopped = true;
                new Thread(() -> {
                    alsoStop.run();
                    server.stop(0);
                }).start();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
