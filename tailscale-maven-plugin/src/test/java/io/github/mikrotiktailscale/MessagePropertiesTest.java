package io.github.mikrotiktailscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Every {@code -Dtailscale.…} property a message tells the user to pass, and every element a
 * configuration problem names ({@code <budgets>: …}), exists in the generated plugin descriptor:
 * a renamed parameter breaks this test instead of the advice.
 */
class MessagePropertiesTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Path DESCRIPTOR = Path.of("target", "classes", "META-INF", "maven", "plugin.xml");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern PROPERTY = Pattern.compile("-D(tailscale\\.[A-Za-z0-9_.]*[A-Za-z0-9_])(\\.?)");
    private static final Pattern ELEMENT = Pattern.compile("(?:new Problem|problems\\.add|Problem\\.of)\\(\"([^\"]+)\"");

    /** Elements problems name that are not parameters of their own: the entries of a list parameter. */
    private static final Set<String> NESTED = Set.of("features", "acceptMissing", "leftOut");

    private static Set<String> properties;
    private static Set<String> parameters;

    @BeforeAll
    static void readDescriptor() throws Exception {
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
        properties = new TreeSet<>();
        parameters = new TreeSet<>();
        var nodes = document.getElementsByTagName("parameter");
        for (int i = 0; i < nodes.getLength(); i++) {
            var parameter = (Element) nodes.item(i);
            var name = parameter.getElementsByTagName("name");
            if (name.getLength() > 0) {
                parameters.add(name.item(0).getTextContent().trim());
            }
        }
        var configuration = document.getElementsByTagName("configuration");
        for (int i = 0; i < configuration.getLength(); i++) {
            var children = configuration.item(i).getChildNodes();
            for (int j = 0; j < children.getLength(); j++) {
                var expression = children.item(j).getTextContent();
                var matcher = Pattern.compile("\\$\\{(tailscale\\.[^}]+)}").matcher(expression == null ? "" : expression);
                if (matcher.find()) {
                    properties.add(matcher.group(1));
                }
            }
        }
    }

    private static List<String> lines() throws IOException {
        try (var files = Files.walk(SOURCES)) {
            var lines = new ArrayList<String>();
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Files.readAllLines(file).stream().filter(l -> !l.strip().startsWith("*") && !l.strip().startsWith("//"))
                        .map(l -> file.getFileName() + ": " + l).forEach(lines::add);
            }
            return lines;
        }
    }

    @Test
    void everyPropertyAMessageNamesExists() throws IOException {
        var unknown = new TreeSet<String>();
        int seen = 0;
        for (var line : lines()) {
            var strings = STRING.matcher(line);
            while (strings.find()) {
                var property = PROPERTY.matcher(strings.group(1));
                while (property.find()) {
                    seen++;
                    var name = property.group(1);
                    // "-Dtailscale.budget." + platform (the literal ends there): some property must start with it
                    var prefix = !property.group(2).isEmpty() && property.end() == strings.group(1).length();
                    var known = properties.contains(name)
                            || (prefix && properties.stream().anyMatch(p -> p.startsWith(name + ".")));
                    if (!known) {
                        unknown.add(line.substring(0, line.indexOf(':')) + ": -D" + name);
                    }
                }
            }
        }

        assertThat(properties).as("the descriptor was read").contains("tailscale.platforms", "tailscale.smoke.skip");
        assertThat(seen).as("messages were found").isGreaterThan(20);
        assertThat(unknown).as("properties in messages that no goal has").isEmpty();
    }

    @Test
    void everyElementAProblemNamesIsAParameter() throws IOException {
        var unknown = new TreeSet<String>();
        for (var line : lines()) {
            var element = ELEMENT.matcher(line);
            while (element.find()) {
                var name = element.group(1).split("[/ ]")[0];
                if (!parameters.contains(name) && !NESTED.contains(name)) {
                    unknown.add(line.substring(0, line.indexOf(':')) + ": <" + element.group(1) + ">");
                }
            }
        }

        assertThat(unknown).as("elements in problems that no goal has").isEmpty();
        assertThat(parameters.stream().filter(p -> p.equals("budgets")).collect(Collectors.toList())).isNotEmpty();
    }
}
