package io.github.mikrotiktailscale.maven;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The plugin's configuration as every goal would see it: the project's {@code <configuration>} of
 * this plugin, and for parameters it does not set, their {@code -D} or project properties. Read
 * from the descriptor, so a goal checks the parameters of all goals, not only its own.
 */
record PluginConfigurationValues(Map<String, String> values, Set<String> knownProperties, Set<String> commandLine) {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{(tailscale\\.[^}]+)}");

    static PluginConfigurationValues read(MavenProject project, MavenSession session, PluginDescriptor plugin) {
        var values = new HashMap<String, String>();
        var plugins = project.getBuild().getPluginsAsMap().get(plugin.getPluginLookupKey());
        if (plugins != null && plugins.getConfiguration() instanceof Xpp3Dom xml) {
            for (var child : xml.getChildren()) {
                if (child.getChildCount() == 0) {
                    put(values, child.getName(), child.getValue());
                } else {
                    for (var entry : child.getChildren()) {
                        if (entry.getChildCount() == 0) {
                            put(values, child.getName() + "/" + entry.getName(), entry.getValue());
                        }
                    }
                }
            }
        }
        var known = new TreeSet<String>();
        for (var mojo : plugin.getMojos()) {
            if (mojo.getParameters() == null) {
                continue;
            }
            for (var parameter : mojo.getParameters()) {
                var matcher = PROPERTY.matcher(parameter.getExpression() == null ? "" : parameter.getExpression());
                if (!matcher.matches()) {
                    continue;
                }
                known.add(matcher.group(1));
                if (!values.containsKey(parameter.getName())) {
                    put(values, parameter.getName(), property(matcher.group(1), project, session));
                }
            }
        }
        return new PluginConfigurationValues(values, known, session.getUserProperties().stringPropertyNames());
    }

    private static String property(String name, MavenProject project, MavenSession session) {
        var value = session.getUserProperties().getProperty(name);
        if (value == null) {
            value = session.getSystemProperties().getProperty(name);
        }
        return value != null ? value : project.getProperties().getProperty(name);
    }

    private static void put(Map<String, String> values, String name, String value) {
        // an expression Maven could not resolve is no value the user gave
        if (value != null && !value.contains("${")) {
            values.put(name, value);
        }
    }
}
