package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Optional;

/** The registry client's failures as the user reads them: what was refused and what to do. Never a secret. */
final class RegistryErrors {

    private RegistryErrors() {}

    static EnvironmentException refused(ImageReference image, Optional<RegistryCredentials> credentials, String what,
            int status) {
        var how = credentials.map(c -> "with the " + c).orElse("without credentials");
        var rights = "The account (or token) needs push rights on " + image.repository() + ".";
        var next = credentials.map(c -> "Check the user name and password (or token) in " + c.source() + ". " + rights)
                .orElse("Add a <server> with id '" + image.registry() + "' to settings.xml (password encrypted with"
                        + " mvn --encrypt-password), or run 'docker login " + image.registry() + "'. " + rights);
        return new EnvironmentException("The registry " + image.registry() + " refused to " + what + " " + how
                + " (HTTP " + status + ").", next);
    }

    static EnvironmentException noCredentials(ImageReference image, String what) {
        return new EnvironmentException("The registry " + image.registry() + " wants credentials to " + what
                + ", and none were found.", "Add a <server> with id '" + image.registry() + "' to settings.xml, or run"
                + " 'docker login " + image.registry() + "'.");
    }

    static EnvironmentException unreachable(ImageReference image, URI endpoint, String what, IOException e,
            int attempts) {
        return new EnvironmentException("Cannot reach the registry " + image.registry() + " to " + what + " ("
                + describe(e) + ", after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ").",
                "Check that the registry is running and reachable at " + endpoint + ".", e);
    }

    static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
