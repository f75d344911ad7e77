package io.github.mikrotiktailscale.docker;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns write failures into messages that say whether the disk is full and where. */
public final class DiskProblems {

    private DiskProblems() {}

    public static EnvironmentException whileWriting(Path file, IOException e) {
        var text = String.valueOf(e.getMessage());
        if (text.contains("No space left on device") || text.contains("Disk quota exceeded")) {
            return new EnvironmentException("The disk is full: " + file + " could not be written (" + freeSpace(file)
                    + " free).", "Free some space (docker system prune removes unused images and build cache),"
                    + " then run the build again.", e);
        }
        return new EnvironmentException("Cannot write " + file + ": " + text,
                "Check that the directory is writable and the disk has room.", e);
    }

    private static String freeSpace(Path file) {
        try {
            var store = Files.getFileStore(file.toAbsolutePath().getParent());
            return (store.getUsableSpace() / (1024 * 1024)) + " MB";
        } catch (IOException | RuntimeException e) {
            return "unknown space";
        }
    }
}
