package io.github.mikrotiktailscale.image;

import java.nio.file.Path;
import java.util.Objects;

/** A unified diff applied to Tailscale's source tree in the builder stage, and why. */
public record SourcePatch(Path file, String reason) {

    public SourcePatch {
        Objects.requireNonNull(file, "file");
        reason = reason == null ? "" : reason.trim();
    }

    public String fileName() {
        return file.getFileName().toString();
    }
}
