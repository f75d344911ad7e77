package io.github.mikrotiktailscale.release;

/**
 * A user name and password (or token) for a registry, and where they came from. {@link #toString()}
 * never shows the secret: only the source may be logged.
 */
public record RegistryCredentials(String username, String password, String source) {

    @Override
    public String toString() {
        return "credentials of " + username + " from " + source;
    }
}
