package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.docker.DiskProblems;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.progress.Progress;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The directory buildx receives as the context. Usually the context itself; when the context
 * holds the build goal's own outputs (a Dockerfile whose context is the project directory, with
 * {@code target/images} inside), a mirror of it without them, made of hard links (copies where a
 * link cannot be made). Yesterday's archives are then neither sent to the engine nor able to make
 * a build look changed, while every other file, {@code target/} included, arrives as before.
 */
final class EngineContext {

    private EngineContext() {}

    /** The context buildx receives for these settings: without the goal's outputs, warning when they were inside. */
    static Path forBuild(BuildSettings settings, Progress listener) throws EnvironmentException {
        try {
            var inside = outputsInside(settings.context(), settings.outputs());
            if (inside.isEmpty()) {
                return settings.context();
            }
            listener.warn("The build context " + settings.context() + " contains the build goal's output directory "
                    + inside.get(0) + ": it is left out of the up-to-date check and of what the engine receives,"
                    + " which is a mirror of the context without it (" + settings.engineContextDirectory()
                    + "). Exclude it in the context's .dockerignore, or use a context directory without it, to"
                    + " build from the context directly.");
            return prepare(settings.context(), settings.outputs(), settings.engineContextDirectory());
        } catch (IOException e) {
            throw DiskProblems.whileWriting(settings.engineContextDirectory(), e);
        }
    }

    /**
     * The directory to build from.
     *
     * @param outputs the goal's output directories (absolute); those inside the context are left out
     * @param mirror where the mirror is made when one is needed (itself one of the outputs)
     */
    static Path prepare(Path context, List<Path> outputs, Path mirror) throws IOException {
        var root = context.toAbsolutePath().normalize();
        var ignore = DockerIgnore.of(root);
        var inside = outputsInside(root, outputs, ignore);
        if (inside.isEmpty()) {
            return context;
        }
        deleteTree(mirror);
        Files.createDirectories(mirror);
        var leftOut = new java.util.ArrayList<>(outputs);
        leftOut.add(mirror.toAbsolutePath().normalize());
        // With exception lines the engine's own reading of .dockerignore decides; the mirror keeps everything.
        boolean applyIgnore = !ignore.hasExceptions();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && (leftOut.stream().anyMatch(dir::startsWith)
                        || applyIgnore && ignore.excludes(root.relativize(dir)))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(mirror.resolve(root.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                var relative = root.relativize(file);
                if (applyIgnore && ignore.excludes(relative) && !relative.toString().equals(".dockerignore")) {
                    return FileVisitResult.CONTINUE;
                }
                var copy = mirror.resolve(relative.toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(copy, Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    link(file, copy);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return mirror;
    }

    /** The outputs that lie inside the context and are not already excluded by its .dockerignore. */
    static List<Path> outputsInside(Path context, List<Path> outputs) throws IOException {
        var root = context.toAbsolutePath().normalize();
        return outputsInside(root, outputs, DockerIgnore.of(root));
    }

    private static List<Path> outputsInside(Path root, List<Path> outputs, DockerIgnore ignore) {
        return outputs.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .filter(p -> p.startsWith(root) && !p.equals(root))
                .filter(p -> ignore.hasExceptions() || !ignore.excludes(root.relativize(p)))
                .toList();
    }

    private static void link(Path file, Path copy) throws IOException {
        try {
            Files.createLink(copy, file);
        } catch (IOException | UnsupportedOperationException e) {
            // another file system, or one without hard links: a copy with the same times
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
