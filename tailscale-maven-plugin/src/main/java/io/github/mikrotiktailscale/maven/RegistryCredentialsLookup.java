package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.docker.ProcessExec;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.release.DockerConfigCredentials;
import io.github.mikrotiktailscale.release.RegistryCredentials;
import java.util.Optional;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.plugin.logging.Log;

/**
 * Finds registry credentials the Maven way: a {@code <server>} in settings.xml (its password
 * decrypted with Maven's own decrypter), else Docker's credential store. Logs where they came
 * from, never what they are.
 */
final class RegistryCredentialsLookup {

    private RegistryCredentialsLookup() {}

    static Optional<RegistryCredentials> find(String serverId, Settings settings, SettingsDecrypter decrypter,
            String registry, Log log) throws EnvironmentException {
        var server = settings.getServer(serverId);
        if (server != null) {
            var result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : result.getProblems()) {
                log.warn("settings.xml server '" + serverId + "': " + problem.getMessage());
            }
            var decrypted = result.getServer();
            if (decrypted != null && decrypted.getUsername() != null && decrypted.getPassword() != null) {
                log.info("Registry credentials for " + registry + " from settings.xml server '" + serverId + "'");
                return Optional.of(new RegistryCredentials(decrypted.getUsername(), decrypted.getPassword(),
                        "settings.xml server '" + serverId + "'"));
            }
        }
        var docker = new DockerConfigCredentials(DockerConfigCredentials.defaultConfigFile(), new ProcessExec())
                .find(registry);
        docker.ifPresentOrElse(c -> log.info("Registry credentials for " + registry + " from " + c.source()),
                () -> log.info("No credentials for " + registry + " (no settings.xml server '" + serverId
                        + "', nothing in the Docker credential store): pushing anonymously"));
        return docker;
    }
}
