package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.configuration.ConfigurationCheck;
import io.github.mikrotiktailscale.configuration.GoalSkips;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: {@code tailscale.skip} and the goal's own skip, the configuration check
 * before the first goal of a run, and turning the core's typed failures into Maven's two kinds
 * (configuration problems fail the build; broken environments are errors).
 */
public abstract class AbstractTailscaleMojo extends AbstractMojo {

    /** Set in the plugin context once the configuration passed, so later goals of the run do not repeat it. */
    private static final String CHECKED = ConfigurationCheck.class.getName();

    /**
     * Skips every goal of this plugin. Each goal also has its own skip property.
     *
     * @since 0.1.0
     */
    @Parameter(property = GoalSkips.ALL, defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        var skippedBy = skip ? Optional.of(GoalSkips.ALL) : skippedBy();
        if (skippedBy.isPresent()) {
            getLog().info("Skipping: " + skippedBy.get() + " is set.");
            return;
        }
        try {
            checkConfigurationOnce();
            run();
        } catch (ConfigurationException e) {
            throw new MojoFailureException("The tailscale-maven-plugin configuration needs a change:"
                    + System.lineSeparator() + e.getMessage(), e);
        }
    }

    /** The goal's own skip property, when it is set. */
    protected Optional<String> skippedBy() {
        return Optional.empty();
    }

    static Optional<String> skippedBy(boolean set, String property) {
        return set ? Optional.of(property) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private void checkConfigurationOnce() throws ConfigurationException {
        var context = getPluginContext();
        if (project == null || session == null || plugin == null || (context != null && context.containsKey(CHECKED))) {
            return;
        }
        var configuration = PluginConfigurationValues.read(project, session, plugin);
        ConfigurationCheck.check(configuration.values(), configuration.knownProperties(), configuration.commandLine())
                .forEach(getLog()::warn);
        if (context != null) {
            context.put(CHECKED, Boolean.TRUE);
        }
    }

    /** The goal's work, once it is not skipped. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException, ConfigurationException;
}
