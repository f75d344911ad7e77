package io.github.mikrotiktailscale.image;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A unified diff applied to Tailscale's source tree in the builder stage, and why; {@code provides}
 * names the {@code Capability} it gives in place of a feature (empty for none).
 */
public record SourcePatch(Path file, String reason, String provides) {

    public SourcePatch {
        Objects.requireNonNull(file, "file");
        reason = reason == null ? "" : reason.trim();
        provides = provides == null ? "" : provides.trim();
    }

    public SourcePatch(Path file, String reason) {
        this(file, reason, "");
    }

    public String fileName() {
        return file.getFileName().toString();
    }
}
