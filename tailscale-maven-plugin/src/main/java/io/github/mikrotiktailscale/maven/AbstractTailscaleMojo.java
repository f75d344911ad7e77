package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: {@code tailscale.skip}, and turning the core's typed failures into
 * Maven's two kinds (configuration problems fail the build; broken environments are errors).
 */
public abstract class AbstractTailscaleMojo extends AbstractMojo {

    /**
     * Skips the goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping: tailscale.skip is set.");
            return;
        }
        try {
            run();
        } catch (ConfigurationException e) {
            throw new MojoFailureException("The tailscale-maven-plugin configuration needs a change:"
                    + System.lineSeparator() + e.getMessage(), e);
        }
    }

    /** The goal's work, once it is not skipped. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException, ConfigurationException;
}
