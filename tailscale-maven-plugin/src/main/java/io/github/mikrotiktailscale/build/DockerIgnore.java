package io.github.mikrotiktailscale.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The context's {@code .dockerignore}, read well enough to leave out what it excludes. Exception
 * lines ({@code !pattern}) are not followed; {@link #hasExceptions()} says when there are some, so
 * a caller that must never leave out too much can fall back to the engine's own reading.
 */
final class DockerIgnore {

    private final List<PathMatcher> matchers;
    private final boolean exceptions;

    private DockerIgnore(List<PathMatcher> matchers, boolean exceptions) {
        this.matchers = List.copyOf(matchers);
        this.exceptions = exceptions;
    }

    static DockerIgnore of(Path context) throws IOException {
        var file = context.resolve(".dockerignore");
        var matchers = new ArrayList<PathMatcher>();
        boolean exceptions = false;
        if (!Files.isRegularFile(file)) {
            return new DockerIgnore(matchers, false);
        }
        var fs = FileSystems.getDefault();
        for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            var pattern = line.trim();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            if (pattern.startsWith("!")) {
                exceptions = true;
                continue;
            }
            pattern = pattern.replaceAll("^/+", "").replaceAll("/+$", "");
            matchers.add(fs.getPathMatcher("glob:" + pattern));
            matchers.add(fs.getPathMatcher("glob:" + pattern + "/**"));
        }
        return new DockerIgnore(matchers, exceptions);
    }

    /** Whether a path relative to the context is excluded. */
    boolean excludes(Path relative) {
        return matchers.stream().anyMatch(m -> m.matches(relative));
    }

    boolean hasExceptions() {
        return exceptions;
    }
}
