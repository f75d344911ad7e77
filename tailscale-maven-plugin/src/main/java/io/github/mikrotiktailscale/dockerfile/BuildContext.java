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
 * deterministic: same context, same bytes, same modes and times on disk. Each file's modification
 * time is derived from its content ({@link #modificationTime}): BuildKit's context transfer keeps
 * a file whose size and time it has seen before, so a fixed time would let a same-size edit (a
 * patch-release bump, a one-character fix) build with the old content.
 */
public record BuildContext(SortedMap<String, ContextFile> files) {

    /** 2000-01-01T00:00:00Z: content-derived times fall in the 34 years after it. */
    private static final long FIRST_SECOND = 946_684_800L;

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
            Files.setLastModifiedTime(target, modificationTime(content));
        }
    }

    /**
     * The time a file with this content is written with: not the clock (the context and the image
     * layers that copy it stay reproducible), and different for different content (30 bits of
     * seconds and 20 bits of microseconds from its SHA-256), so the engine never mistakes an edit
     * for the file it already has.
     */
    public static FileTime modificationTime(byte[] content) {
        byte[] hash;
        try {
            hash = java.security.MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long bits = java.nio.ByteBuffer.wrap(hash).getLong();
        long seconds = FIRST_SECOND + ((bits >>> 34) & ((1L << 30) - 1));
        long micros = (bits >>> 14) & ((1L << 20) - 1);
        return FileTime.from(java.time.Instant.ofEpochSecond(seconds, Math.min(micros, 999_999) * 1_000));
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
