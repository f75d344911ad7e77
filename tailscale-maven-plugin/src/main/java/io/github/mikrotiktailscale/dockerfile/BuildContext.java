package io.github.mikrotiktailscale.dockerfile;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files handed to {@code docker buildx build}: relative path to content. Writing it is
 * deterministic: same context, same bytes, same modes and times on disk.
 */
public record BuildContext(SortedMap<String, ContextFile> files) {

    /** Fixed modification time, so the written context does not change with the clock. */
    private static final FileTime EPOCH = FileTime.fromMillis(0);

    public BuildContext {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    public static BuildContext of(Map<String, ContextFile> files) {
        return new BuildContext(new TreeMap<>(files));
    }

    public ContextFile file(String path) {
        var file = files.get(path);
        if (file == null) {
            throw new IllegalArgumentException("no " + path + " in the build context");
        }
        return file;
    }

    public String dockerfile() {
        return file("Dockerfile").text();
    }

    /**
     * Writes the context into {@code directory}, replacing what an earlier run left there except
     * for files named in {@code keep} (reports written next to the context).
     */
    public void writeTo(Path directory, java.util.Set<String> keep) throws IOException {
        if (Files.isDirectory(directory)) {
            removeStale(directory, keep);
        }
        Files.createDirectories(directory);
        for (var entry : files.entrySet()) {
            var target = directory.resolve(entry.getKey());
            Files.createDirectories(target.getParent());
            var content = entry.getValue().content();
            if (!Files.isRegularFile(target) || !java.util.Arrays.equals(Files.readAllBytes(target), content)) {
                Files.write(target, content);
            }
            setMode(target, entry.getValue().executable());
            Files.setLastModifiedTime(target, EPOCH);
        }
    }

    private void removeStale(Path directory, java.util.Set<String> keep) throws IOException {
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                var relative = directory.relativize(file).toString().replace('\\', '/');
                if (!files.containsKey(relative) && !keep.contains(relative)) {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (!dir.equals(directory)) {
                    try (var children = Files.list(dir)) {
                        if (children.findAny().isEmpty()) {
                            Files.delete(dir);
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void setMode(Path file, boolean executable) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the scripts are run with 'sh', so the mode is not needed.
        }
    }
}
