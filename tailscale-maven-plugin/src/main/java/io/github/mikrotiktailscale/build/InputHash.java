package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.archive.Digests;
import io.github.mikrotiktailscale.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A digest of everything that decides what a build produces: the context's files (names, bytes,
 * executable bits, minus what {@code .dockerignore} excludes and the goal's own outputs), the Dockerfile, the build arguments,
 * the platform, and the engine's id of every base image not pinned by digest (a local image rebuilt
 * under the same tag is new input). Equal digests mean the last archive is still right.
 */
public final class InputHash {

    private InputHash() {}

    public static String of(Path context, Path dockerfile, Map<String, String> buildArgs, Platform platform,
            Map<String, String> baseImageIds) throws IOException {
        return of(context, List.of(), dockerfile, buildArgs, platform, baseImageIds);
    }

    /**
     * As {@link #of(Path, Path, Map, Platform, Map)}, leaving out the directories in {@code outputs}:
     * the build goal's own results, which must not make the next build look changed.
     */
    public static String of(Path context, List<Path> outputs, Path dockerfile, Map<String, String> buildArgs,
            Platform platform, Map<String, String> baseImageIds) throws IOException {
        context = context.toAbsolutePath().normalize();
        var digest = Digests.newSha256();
        var ignore = DockerIgnore.of(context);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(context)) {
            var root = context;
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> outputs.stream().noneMatch(f::startsWith))
                    .filter(f -> !ignore.excludes(root.relativize(f)))
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

}
