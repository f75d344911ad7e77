package io.github.mikrotiktailscale.release;

/**
 * A user name and password (or token) for a registry, and where they came from. {@link #toString()}
 * never shows the secret: only the source may be logged.
 *
 * <p>The user name {@value #IDENTITY_TOKEN_USER} marks an identity token (what {@code docker login}
 * keeps after an OAuth login, and what credential helpers return for one): it is not a password,
 * but a refresh token the registry's token service trades for access tokens.
 */
public record RegistryCredentials(String username, String password, String source) {

    /** Docker's own marker for identity tokens, in config.json and in credential helpers' answers. */
    public static final String IDENTITY_TOKEN_USER = "<token>";

    public static RegistryCredentials identityToken(String token, String source) {
        return new RegistryCredentials(IDENTITY_TOKEN_USER, token, source);
    }

    public boolean isIdentityToken() {
        return IDENTITY_TOKEN_USER.equals(username);
    }

    @Override
    public String toString() {
        return (isIdentityToken() ? "identity token" : "credentials of " + username) + " from " + source;
    }
}
