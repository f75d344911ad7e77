package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.release.RecordingHttpServer.Reply;
import io.github.mikrotiktailscale.release.RecordingHttpServer.Request;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small in-memory registry speaking the token flow the way Gitea, GHCR and Docker Hub do:
 * {@code 401} with {@code WWW-Authenticate: Bearer realm=…/token}, a token service that checks
 * Basic credentials (or a refresh token) and hands out opaque tokens, blobs, uploads and
 * manifests. Knobs let a test expire tokens, refuse them, inject failures and redirect blob
 * downloads to a storage server on another origin.
 */
final class TokenRegistry implements AutoCloseable {

    final RecordingHttpServer server;
    final String user;
    final String password;
    /** Every token handed out, with the scope it was asked for. */
    final Map<String, String> issued = Collections.synchronizedMap(new LinkedHashMap<>());
    final Set<String> valid = ConcurrentHashMap.newKeySet();
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final ArrayDeque<Reply> injected = new ArrayDeque<>();
    volatile boolean acceptTokens = true;
    volatile boolean anonymousTokens = true;
    volatile String refreshToken;
    volatile URI blobStorage;
    /** Expire the token in use as soon as an upload has started. */
    volatile boolean expireOnUploadStart;

    TokenRegistry(String user, String password) throws IOException {
        this.server = new RecordingHttpServer();
        this.user = user;
        this.password = password;
        server.handle(this::answer);
    }

    URI uri() {
        return server.uri();
    }

    /** The next registry (not token) requests get these replies instead, in order. */
    synchronized TokenRegistry inject(Reply... replies) {
        injected.addAll(List.of(replies));
        return this;
    }

    List<Request> tokenRequests() {
        return server.requests().stream().filter(r -> r.path().equals("/token")).toList();
    }

    List<Request> registryRequests() {
        return server.requests().stream().filter(r -> r.path().startsWith("/v2/")).toList();
    }

    private Reply answer(Request request) {
        if (request.path().equals("/token")) {
            return token(request);
        }
        synchronized (this) {
            if (!injected.isEmpty()) {
                return injected.poll();
            }
        }
        var auth = request.header("Authorization");
        var token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        if (token == null || !acceptTokens || !valid.contains(token)) {
            return Reply.of(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}", "WWW-Authenticate",
                    "Bearer realm=\"" + uri() + "/token\",service=\"test-registry\"");
        }
        return api(request, token);
    }

    private Reply token(Request request) {
        String scope;
        var auth = request.header("Authorization");
        if (request.method().equals("POST")) {
            var form = form(request.bodyText());
            if (!"refresh_token".equals(form.get("grant_type")) || refreshToken == null
                    || !refreshToken.equals(form.get("refresh_token"))) {
                return Reply.of(401, "{\"details\":\"bad refresh token\"}");
            }
            scope = form.get("scope");
        } else {
            scope = form(request.query() == null ? "" : request.query()).get("scope");
            var expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            if (auth == null ? !anonymousTokens : !auth.equals(expected)) {
                return Reply.of(401, "{\"details\":\"unauthorized\"}");
            }
        }
        var token = "tok" + (issued.size() + 1) + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        issued.put(token, scope);
        valid.add(token);
        var field = request.method().equals("POST") ? "access_token" : "token";
        return Reply.of(200, "{\"" + field + "\":\"" + token + "\",\"expires_in\":300}", "Content-Type",
                "application/json");
    }

    private Reply api(Request request, String token) {
        var path = request.path();
        var parts = path.split("/");
        var last = parts[parts.length - 1];
        if (path.startsWith("/storage/")) {
            var blob = blobs.get(last);
            return blob == null ? Reply.of(404) : new Reply(200, Map.of(), blob);
        }
        if (path.endsWith("/blobs/uploads/") && request.method().equals("POST")) {
            if (expireOnUploadStart) {
                valid.remove(token);
            }
            return Reply.of(202, "", "Location", "/v2/uploads/u-" + blobs.size() + "?state=abc");
        }
        if (path.startsWith("/v2/uploads/") && request.method().equals("PUT")) {
            var digest = form(request.query()).get("digest");
            if (!digest.equals(sha256(request.body()))) {
                return Reply.of(400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}");
            }
            blobs.put(digest, request.body());
            return Reply.of(201, "", "Docker-Content-Digest", digest);
        }
        if (path.contains("/blobs/")) {
            var blob = blobs.get(last);
            if (blob == null) {
                return Reply.of(404);
            }
            if (blobStorage != null && request.method().equals("GET")) {
                return Reply.of(307, "", "Location", blobStorage + "/storage/" + last + "?signature=abc");
            }
            return new Reply(200, Map.of("Docker-Content-Digest", last), blob);
        }
        if (path.contains("/manifests/")) {
            if (request.method().equals("PUT")) {
                var digest = sha256(request.body());
                manifests.put(last, request.body());
                manifests.put(digest, request.body());
                return Reply.of(201, "", "Docker-Content-Digest", digest);
            }
            var manifest = manifests.get(last);
            return manifest == null ? Reply.of(404) : new Reply(200, Map.of("Content-Type",
                    RegistryClient.MANIFEST_LIST, "Docker-Content-Digest", sha256(manifest)), manifest);
        }
        return Reply.of(404);
    }

    static Map<String, String> form(String text) {
        var map = new LinkedHashMap<String, String>();
        for (var pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return map;
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> tokensSeenByRegistry() {
        var seen = new ArrayList<String>();
        for (var r : registryRequests()) {
            var auth = r.header("Authorization");
            seen.add(auth == null ? "-" : auth.replaceFirst("^Bearer ", ""));
        }
        return seen;
    }

    @Override
    public void close() {
        server.close();
    }
}
