package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.docker.ProcessExec;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.release.GitRepository;
import io.github.mikrotiktailscale.release.ImageReference;
import io.github.mikrotiktailscale.release.RegistryClient;
import io.github.mikrotiktailscale.release.RegistryCredentials;
import io.github.mikrotiktailscale.release.SourceDate;
import java.io.File;
import java.time.Duration;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** The parameters of the goals that talk to the image registry about a release: publish and verify-release. */
public abstract class AbstractRegistryMojo extends AbstractDockerMojo {

    /**
     * The image in the registry: {@code registry/namespace/name}, without a tag.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.image", required = true)
    protected String image;

    /**
     * The release, {@code v<tailscale>-mt.<N>}; by default the version the images were built with
     * (images.json), which must be a release version.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.imageVersion")
    protected String imageVersion;

    /**
     * The platforms the release must hold, exactly.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.platforms", defaultValue = "amd64,arm64,armv7")
    protected String platforms;

    /**
     * The settings.xml {@code <server>} with the registry credentials; by default the registry's host
     * name (with port), e.g. {@code ghcr.io}. Without one, Docker's credential store is asked.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.registryServerId")
    protected String registryServerId;

    /**
     * Talks plain HTTP to the registry (loopback registries always do).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.insecureRegistry", defaultValue = "false")
    protected boolean insecureRegistry;

    /**
     * How often a registry request is tried before giving up (with doubling delays from one second).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.registryAttempts", defaultValue = "4")
    protected int registryAttempts;

    /**
     * The time every file and config date of the published image carries (SOURCE_DATE_EPOCH, seconds
     * since 1970 UTC), so that two builds of one commit publish identical digests. By default the
     * committer time of the project's HEAD ({@code git log -1 --format=%ct}); outside a git work tree
     * 0 (1970-01-01), with a warning. Set it only to reproduce a release made elsewhere with another value.
     *
     * @since 0.2.0
     */
    @Parameter(property = "tailscale.sourceDateEpoch")
    protected String sourceDateEpoch;

    /**
     * The git executable.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.gitCommand", defaultValue = "git")
    protected String gitCommand;

    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    protected File buildDirectory;

    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    protected File basedir;

    private final SettingsDecrypter decrypter;

    protected AbstractRegistryMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    /** @param authenticate whether to look up credentials (a dry run sends nothing) */
    protected RegistryClient registryClient(ImageReference reference, boolean authenticate)
            throws MojoExecutionException, ConfigurationException, EnvironmentException {
        var serverId = registryServerId == null || registryServerId.isBlank() ? reference.registry() : registryServerId;
        var credentials = authenticate
                ? RegistryCredentialsLookup.find(serverId, settings, decrypter, reference.registry(), getLog())
                : Optional.<RegistryCredentials>empty();
        return new RegistryClient(reference, credentials, registryAttempts, Duration.ofSeconds(1),
                new MavenProgressLog(getLog()));
    }

    protected SourceDate sourceDate() throws ConfigurationException {
        var date = SourceDate.resolve(sourceDateEpoch,
                new GitRepository(new ProcessExec(), basedir.toPath(), gitCommand).commitDate());
        if (date.equals(SourceDate.UNKNOWN)) {
            getLog().warn(basedir + " is not in a git work tree: SOURCE_DATE_EPOCH is 0 (1970-01-01). Set"
                    + " -Dtailscale.sourceDateEpoch to the release commit's time to reproduce a release.");
        }
        return date;
    }
}
