package io.github.mikrotiktailscale.gomodule;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Go module proxy protocol, as far as the plugin needs it: the versions of a module, a
 * version's go.mod, and whether the proxy serves a version's source zip (a proxy may list a
 * version and refuse its zip: 403 "not available", which is final).
 */
public final class ModuleProxy {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<URI> bases;
    private final HttpClient http;

    public ModuleProxy(List<URI> bases) {
        this.bases = List.copyOf(bases);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * The proxies in a {@code GOPROXY} value, in order ({@code direct} and {@code off} end the
     * list: they are not proxies); Go's default when unset.
     */
    public static ModuleProxy fromGoproxy(String goproxy) {
        var value = goproxy == null || goproxy.isBlank() ? "https://proxy.golang.org,direct" : goproxy;
        var bases = new ArrayList<URI>();
        for (var part : value.split("[,|]")) {
            var entry = part.trim();
            if (entry.equals("direct") || entry.equals("off")) {
                break;
            }
            if (!entry.isEmpty()) {
                bases.add(URI.create(entry.endsWith("/") ? entry : entry + "/"));
            }
        }
        return new ModuleProxy(bases);
    }

    public static ModuleProxy fromEnvironment() {
        return fromGoproxy(System.getenv("GOPROXY"));
    }

    public List<URI> bases() {
        return bases;
    }

    /** Every version the proxy lists for a module. */
    public List<String> versions(String module) throws IOException, InterruptedException {
        var body = get(escape(module) + "/@v/list").orElse("");
        return body.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    /** A version's go.mod, empty when no proxy has it. */
    public Optional<String> goMod(String module, String version) throws IOException, InterruptedException {
        return get(escape(module) + "/@v/" + escape(version) + ".mod");
    }

    /** The HTTP status the first proxy answers for a version's source zip (HEAD: nothing is downloaded). */
    public int zipStatus(String module, String version) throws IOException, InterruptedException {
        if (bases.isEmpty()) {
            throw new IOException("GOPROXY names no proxy");
        }
        var request = HttpRequest.newBuilder(bases.get(0).resolve(escape(module) + "/@v/" + escape(version) + ".zip"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(TIMEOUT).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Downloads a version's source zip from the first proxy to {@code target}; returns the HTTP
     * status (anything but 200 leaves no file). Nothing is retried: a 403 is the proxy's final word.
     */
    public int downloadZip(String module, String version, Path target) throws IOException, InterruptedException {
        if (bases.isEmpty()) {
            throw new IOException("GOPROXY names no proxy");
        }
        var request = HttpRequest.newBuilder(bases.get(0).resolve(escape(module) + "/@v/" + escape(version) + ".zip"))
                .timeout(Duration.ofMinutes(3)).GET().build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (var body = response.body()) {
            if (response.statusCode() != 200) {
                return response.statusCode();
            }
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return 200;
    }

    /** Where a module version's zip is, on the first proxy: for messages. */
    public URI zipAddress(String module, String version) {
        return (bases.isEmpty() ? URI.create("https://proxy.invalid/") : bases.get(0))
                .resolve(escape(module) + "/@v/" + escape(version) + ".zip");
    }

    private Optional<String> get(String path) throws IOException, InterruptedException {
        IOException last = null;
        for (var base : bases) {
            var request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build();
            try {
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return Optional.of(response.body());
                }
                if (response.statusCode() != 404 && response.statusCode() != 410) {
                    last = new IOException(base + path + " answered " + response.statusCode());
                }
            } catch (IOException e) {
                last = new IOException(base + path + ": " + e.getMessage(), e);
            }
        }
        if (last != null) {
            throw last;
        }
        return Optional.empty();
    }

    /** The proxy protocol's case encoding: an upper-case letter becomes '!' and its lower case. */
    static String escape(String path) {
        var out = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('!').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
