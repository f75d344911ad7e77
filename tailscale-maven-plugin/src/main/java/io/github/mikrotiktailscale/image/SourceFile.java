package io.github.mikrotiktailscale.image;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file added to Tailscale's source tree in the builder stage (a small Go file in
 * {@code cmd/tailscaled}, say), and why.
 *
 * @param target the path inside the Tailscale tree, relative, with forward slashes
 * @param provides the {@code Capability} it gives in place of a feature, by its name; empty for none
 */
public record SourceFile(Path file, String target, String reason, String provides) {

    public SourceFile {
        Objects.requireNonNull(file, "file");
        target = target == null ? "" : target.trim();
        reason = reason == null ? "" : reason.trim();
        provides = provides == null ? "" : provides.trim();
    }

    public SourceFile(Path file, String target, String reason) {
        this(file, target, reason, "");
    }
}
