package io.github.mikrotiktailscale.problem;

import java.util.Objects;

/**
 * One thing wrong with the user's configuration: where it is, what is wrong and what to do.
 *
 * <p>{@code element} names the pom element (or user property) the user has to touch, so the
 * Maven side can print it as it stands in the pom.
 */
public record Problem(String element, String message, String suggestion) {

    public Problem {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(message, "message");
        suggestion = suggestion == null ? "" : suggestion;
    }

    public static Problem of(String element, String message) {
        return new Problem(element, message, "");
    }

    /** The problem as one block of text: element, message and, on its own line, the fix. */
    public String describe() {
        var text = new StringBuilder().append('<').append(element).append(">: ").append(message);
        if (!suggestion.isBlank()) {
            text.append(System.lineSeparator()).append("    ").append(suggestion);
        }
        return text.toString();
    }
}
