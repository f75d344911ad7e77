package io.github.mikrotiktailscale.release;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A real HTTP server on loopback (the JDK's own), answering with a handler and recording every
 * request: the test double the registry client is tested against, over real sockets.
 */
final class RecordingHttpServer implements AutoCloseable {

    /** One request as it arrived; header names lower-case. */
    record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Reply(int status, Map<String, String> headers, byte[] body) {
        static Reply of(int status) {
            return new Reply(status, Map.of(), new byte[0]);
        }

        static Reply of(int status, String body, String... headers) {
            var map = new LinkedHashMap<String, String>();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                map.put(headers[i], headers[i + 1]);
            }
            return new Reply(status, map, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Request, Reply> handler = r -> Reply.of(404);

    RecordingHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                var headers = new LinkedHashMap<String, String>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
                var request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes());
                requests.add(request);
                Reply reply;
                try {
                    reply = handler.apply(request);
                } catch (RuntimeException e) {
                    reply = Reply.of(500, String.valueOf(e));
                }
                reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                boolean noBody = reply.body().length == 0 || request.method().equals("HEAD");
                exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
                if (!noBody) {
                    exchange.getResponseBody().write(reply.body());
                }
            }
        });
        server.start();
    }

    RecordingHttpServer handle(Function<Request, Reply> handler) {
        this.handler = handler;
        return this;
    }

    /** {@code http://127.0.0.1:PORT}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The same server under another host name: another origin for the client. */
    URI uriAsLocalhost() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
