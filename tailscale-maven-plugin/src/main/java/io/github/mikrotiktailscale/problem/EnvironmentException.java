package io.github.mikrotiktailscale.problem;

/**
 * The machine, not the configuration, is in the way: no docker command, an engine that does not
 * answer, a full disk, a registry that refuses. The message says what happened; the suggestion
 * says what to do about it.
 */
public class EnvironmentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String suggestion;

    public EnvironmentException(String message, String suggestion) {
        this(message, suggestion, null);
    }

    public EnvironmentException(String message, String suggestion, Throwable cause) {
        super(message, cause);
        this.suggestion = suggestion == null ? "" : suggestion;
    }

    public String suggestion() {
        return suggestion;
    }

    /** Message and suggestion, as shown to the user. */
    public String describe() {
        return suggestion.isBlank() ? getMessage() : getMessage() + System.lineSeparator() + suggestion;
    }
}
