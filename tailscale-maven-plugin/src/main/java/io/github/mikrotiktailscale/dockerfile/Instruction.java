package io.github.mikrotiktailscale.dockerfile;

import java.util.List;
import java.util.Objects;

/**
 * One Dockerfile instruction with the short comment that explains it.
 *
 * @param keyword {@code RUN}, {@code COPY}, ...
 * @param arguments everything after the keyword, possibly over several lines
 * @param comment lines written above the instruction, without {@code #}
 */
public record Instruction(String keyword, String arguments, List<String> comment) {

    public Instruction {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(arguments, "arguments");
        comment = List.copyOf(comment);
    }

    /** Whether the instruction adds a filesystem layer to the image. */
    public boolean addsLayer() {
        return keyword.equals("RUN") || keyword.equals("COPY") || keyword.equals("ADD");
    }

    /** For {@code COPY} and {@code ADD}: the destination, the last argument. */
    public String destination() {
        var parts = arguments.trim().split("\\s+");
        return parts[parts.length - 1];
    }
}
