package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.archive.Digests;
import io.github.mikrotiktailscale.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A digest of everything that decides what a build produces: the context's files (names, bytes,
 * executable bits, minus what {@code .dockerignore} excludes), the Dockerfile, the build arguments,
 * the platform, and the engine's id of every base image not pinned by digest (a local image rebuilt
 * under the same tag is new input). Equal digests mean the last archive is still right.
 */
public final class InputHash {

    private InputHash() {}

    public static String of(Path context, Path dockerfile, Map<String, String> buildArgs, Platform platform,
            Map<String, String> baseImageIds) throws IOException {
        var digest = Digests.newSha256();
        var ignored = ignorePatterns(context);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(context)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> ignored.stream().noneMatch(m -> m.matches(context.relativize(f))))
                    .sorted()
                    .toList();
        }
        for (var file : files) {
            var name = context.relativize(file).toString().replace('\\', '/');
            update(digest, "file " + name + (Files.isExecutable(file) ? " x" : ""));
            digest.update(Files.readAllBytes(file));
        }
        if (dockerfile != null) {
            update(digest, "dockerfile " + dockerfile.getFileName());
            digest.update(Files.readAllBytes(dockerfile));
        }
        new java.util.TreeMap<>(buildArgs).forEach((k, v) -> update(digest, "arg " + k + "=" + v));
        update(digest, "platform " + platform.dockerName());
        new java.util.TreeMap<>(baseImageIds).forEach((image, id) -> update(digest, "base " + image + "=" + id));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(java.security.MessageDigest digest, String text) {
        digest.update((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static List<PathMatcher> ignorePatterns(Path context) throws IOException {
        var file = context.resolve(".dockerignore");
        var matchers = new ArrayList<PathMatcher>();
        if (!Files.isRegularFile(file)) {
            return matchers;
        }
        var fs = FileSystems.getDefault();
        for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            var pattern = line.trim();
            if (pattern.isEmpty() || pattern.startsWith("#") || pattern.startsWith("!")) {
                continue;
            }
            pattern = pattern.replaceAll("^/+", "").replaceAll("/+$", "");
            matchers.add(fs.getPathMatcher("glob:" + pattern));
            matchers.add(fs.getPathMatcher("glob:" + pattern + "/**"));
        }
        return matchers;
    }
}
