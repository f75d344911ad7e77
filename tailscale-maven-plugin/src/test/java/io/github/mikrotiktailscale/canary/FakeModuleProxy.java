package io.github.mikrotiktailscale.canary;

import com.sun.net.httpserver.HttpServer;
import io.github.mikrotiktailscale.gomodule.ModuleProxy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A Go module proxy on loopback: fixed answers by path, 404 for the rest; counts requests per path. */
final class FakeModuleProxy implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    FakeModuleProxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            var path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            int status = statuses.getOrDefault(path, bodies.containsKey(path) ? 200 : 404);
            var body = status == 200 ? bodies.get(path) : "not available".getBytes(StandardCharsets.UTF_8);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    ModuleProxy proxy() {
        return new ModuleProxy(List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")));
    }

    FakeModuleProxy serve(String path, String body) {
        bodies.put(path, body.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    FakeModuleProxy serve(String path, byte[] body) {
        bodies.put(path, body);
        return this;
    }

    FakeModuleProxy refuse(String path, int status) {
        statuses.put(path, status);
        return this;
    }

    int requests(String path) {
        var count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    /** A module zip as the proxy serves it: every file under {@code module@version/}. */
    static byte[] zip(String module, String version, Map<String, String> files) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(module + "@" + version + "/" + file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
