package io.github.mikrotiktailscale.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * docs/CONFIGURATION.md is generated from the plugin descriptor, so it cannot drift from the code:
 * this test fails when it does. Regenerate with {@code -Dgolden.update=true}. It also holds every
 * parameter to the plugin's conventions: documented, {@code @since}, and a {@code tailscale.*}
 * user property unless it only makes sense as XML.
 */
class ConfigurationReferenceTest {

    private static final Path DESCRIPTOR = Path.of("target", "classes", "META-INF", "maven", "plugin.xml");
    private static final Path DOCUMENT = Path.of("..", "docs", "CONFIGURATION.md");

    /** Structured parameters: lists and maps of entries that a single -D value cannot express. */
    private static final Set<String> XML_ONLY = Set.of("features", "acceptMissing", "leftOut", "patches", "sourceFiles",
            "buildArgs", "budgets");

    private static List<Goal> goals;

    record Parameter(String name, String type, String property, String defaultValue, boolean required,
            String since, String description) {}

    record Goal(String name, String phase, String description, List<Parameter> parameters) {}

    @BeforeAll
    static void readDescriptor() throws Exception {
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
        goals = new ArrayList<>();
        var mojos = document.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            var mojo = (Element) mojos.item(i);
            var name = text(mojo, "goal");
            if (name.equals("help")) {
                continue;
            }
            var configuration = child(mojo, "configuration");
            var parameters = new ArrayList<Parameter>();
            var list = child(mojo, "parameters");
            for (var node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element p && text(p, "editable").equals("true")) {
                    var pname = text(p, "name");
                    var config = configuration == null ? null : child(configuration, pname);
                    var expression = config == null ? "" : config.getTextContent().trim();
                    var property = expression.startsWith("${") ? expression.substring(2, expression.length() - 1) : "";
                    var defaultValue = config == null ? "" : config.getAttribute("default-value");
                    parameters.add(new Parameter(pname, text(p, "type"), property, defaultValue,
                            text(p, "required").equals("true"), text(p, "since"), escape(text(p, "description"))));
                }
            }
            parameters.sort(Comparator.comparing(Parameter::name));
            goals.add(new Goal(name, text(mojo, "phase"), escape(text(mojo, "description")), parameters));
        }
        goals.sort(Comparator.comparing(Goal::name));
    }

    @Test
    void everyParameterIsDocumentedWithSinceAndAUserProperty() {
        for (var goal : goals) {
            assertThat(goal.description()).as("goal %s has a description", goal.name()).isNotBlank();
            for (var p : goal.parameters()) {
                assertThat(p.description()).as("%s:%s is documented", goal.name(), p.name()).isNotBlank();
                assertThat(p.since()).as("%s:%s has @since", goal.name(), p.name()).isNotBlank();
                if (!XML_ONLY.contains(p.name())) {
                    assertThat(p.property()).as("%s:%s has a tailscale.* property", goal.name(), p.name())
                            .startsWith("tailscale.");
                }
            }
            assertThat(goal.parameters()).extracting(Parameter::property).as("every goal honours tailscale.skip")
                    .contains("tailscale.skip");
        }
    }

    @Test
    void theConfigurationReferenceMatchesTheDescriptor() throws Exception {
        var markdown = render();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(DOCUMENT, markdown, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOCUMENT) ? Files.readString(DOCUMENT, StandardCharsets.UTF_8) : "")
                .as("docs/CONFIGURATION.md is out of date: run ./mvnw -pl tailscale-maven-plugin test"
                        + " -Dtest=ConfigurationReferenceTest -Dgolden.update=true")
                .isEqualTo(markdown);
    }

    private static String render() {
        var md = new StringBuilder();
        md.append("# Configuration reference\n\n");
        md.append("Every goal of `tailscale-maven-plugin` (prefix `tailscale`) and its parameters, generated from the"
                + " plugin descriptor by `ConfigurationReferenceTest`; do not edit by hand. Set a parameter in the"
                + " plugin's `<configuration>` in the pom, or, where it has one, with its user property on the"
                + " command line (`-Dtailscale.platforms=arm64`). A value in the pom wins over the property.\n\n");
        md.append("| goal | default phase | what it does |\n|---|---|---|\n");
        for (var goal : goals) {
            md.append("| [`").append(goal.name()).append("`](#").append(goal.name()).append(") | ")
                    .append(goal.phase().isEmpty() ? "-" : "`" + goal.phase() + "`").append(" | ")
                    .append(firstSentence(goal.description())).append(" |\n");
        }
        for (var goal : goals) {
            md.append("\n## ").append(goal.name()).append("\n\n").append(goal.description()).append("\n\n");
            if (!goal.phase().isEmpty()) {
                md.append("Bound by default to the `").append(goal.phase()).append("` phase.\n\n");
            }
            md.append("| parameter | property | default | description |\n|---|---|---|---|\n");
            for (var p : goal.parameters()) {
                md.append("| `").append(p.name()).append("`").append(p.required() ? " (required)" : "")
                        .append(" | ").append(p.property().isEmpty() ? "XML only" : "`" + p.property() + "`")
                        .append(" | ").append(p.defaultValue().isEmpty() ? "" : "`" + p.defaultValue() + "`")
                        .append(" | ").append(p.description().replace("|", "\\|").replace("\n", " ")).append(" |\n");
            }
        }
        return md.toString();
    }

    /** Descriptions are plain text; angle brackets (as in {@code :<tag>}) must not become HTML. */
    private static String escape(String text) {
        return text.replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return (end < 0 ? text : text.substring(0, end + 1)).replace("|", "\\|");
    }

    private static String text(Element parent, String name) {
        var element = child(parent, name);
        return element == null ? "" : element.getTextContent().trim().replaceAll("\\s+", " ");
    }

    private static Element child(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
