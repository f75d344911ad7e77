package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** Goals that talk to Docker: where the docker command and the image archives are. */
public abstract class AbstractDockerMojo extends AbstractTailscaleMojo {

    /**
     * The docker executable (a name on PATH or a path). The engine it talks to follows
     * {@code DOCKER_HOST} and the current Docker context.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.dockerCommand", defaultValue = "docker")
    protected String dockerCommand;

    /**
     * Where the per-platform archives ({@code amd64.tar}, {@code arm64.tar}, {@code armv7.tar}) and
     * {@code images.json} are written and read.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.imagesDirectory", defaultValue = "${project.build.directory}/images")
    protected File imagesDirectory;

    @Override
    protected final void run() throws MojoExecutionException, MojoFailureException, ConfigurationException {
        try {
            runWithDocker();
        } catch (EnvironmentException e) {
            throw new MojoExecutionException(e.describe(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted.", e);
        }
    }

    protected abstract void runWithDocker()
            throws MojoExecutionException, MojoFailureException, ConfigurationException, EnvironmentException,
                    InterruptedException;
}
