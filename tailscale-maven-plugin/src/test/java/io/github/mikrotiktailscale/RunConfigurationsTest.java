package io.github.mikrotiktailscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The shared IntelliJ IDEA run configurations in {@code .run/} name goals this plugin has (its
 * generated descriptor) or Maven lifecycle phases, and modules this project has: a renamed goal or
 * module breaks this test instead of a click in the IDE.
 */
class RunConfigurationsTest {

    private static final Path ROOT = Path.of("..");
    private static final Path RUN = ROOT.resolve(".run");
    private static final Path DESCRIPTOR = Path.of("target", "classes", "META-INF", "maven", "plugin.xml");
    private static final String PROJECT_DIR = "$PROJECT_DIR$";

    /** The default, clean and site lifecycles' phases. */
    private static final Set<String> PHASES = Set.of(
            "validate", "initialize", "generate-sources", "process-sources", "generate-resources",
            "process-resources", "compile", "process-classes", "generate-test-sources", "process-test-sources",
            "generate-test-resources", "process-test-resources", "test-compile", "process-test-classes", "test",
            "prepare-package", "package", "pre-integration-test", "integration-test", "post-integration-test",
            "verify", "install", "deploy", "pre-clean", "clean", "post-clean", "pre-site", "site", "post-site",
            "site-deploy");

    record RunConfiguration(Path file, String name, String type, String workingDir, List<String> goals,
            List<String> projects, List<String> runBefore) {
    }

    static Stream<RunConfiguration> configurations() throws IOException {
        try (var files = Files.list(RUN)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".run.xml")).sorted()
                    .map(RunConfigurationsTest::read).toList().stream();
        }
    }

    @Test
    void theSharedConfigurationsAreThere() throws IOException {
        assertThat(configurations().map(RunConfiguration::name))
                .contains("Build the image", "Run all tests", "List features", "Verify size", "Release dry run");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void namesAnExistingModuleAndGoals(RunConfiguration run) throws Exception {
        assertThat(run.type()).as("%s: type", run.file()).isEqualTo("MavenRunConfiguration");
        var modules = modules();

        assertThat(run.workingDir()).as("%s: working directory", run.file()).startsWith(PROJECT_DIR);
        var dir = run.workingDir().substring(PROJECT_DIR.length()).replaceFirst("^/", "");
        assertThat(dir.isEmpty() || modules.contains(dir))
                .as("%s: working directory '%s' is the project or one of its modules %s", run.file(), dir, modules)
                .isTrue();

        var goals = descriptorGoals();
        var projects = new ArrayList<>(run.projects());
        var tokens = run.goals();
        assertThat(tokens).as("%s: goals", run.file()).isNotEmpty();
        for (int i = 0; i < tokens.size(); i++) {
            var token = tokens.get(i);
            if (token.equals("-pl") || token.equals("--projects")) {
                projects.addAll(List.of(tokens.get(++i).split(",")));
            } else if (token.startsWith("-")) {
                continue;
            } else if (token.contains(":")) {
                assertThat(token).as("%s: a goal of this plugin", run.file()).startsWith(goalPrefix() + ":");
                assertThat(goals).as("%s: goal %s", run.file(), token).contains(token.substring(token.indexOf(':') + 1));
            } else {
                assertThat(PHASES).as("%s: lifecycle phase", run.file()).contains(token);
            }
        }
        assertThat(modules).as("%s: -pl modules", run.file()).containsAll(projects);

        var names = configurations().map(RunConfiguration::name).toList();
        assertThat(names).as("%s: runs first", run.file()).containsAll(run.runBefore());
    }

    private static RunConfiguration read(Path file) {
        var doc = parse(file);
        var configuration = (Element) doc.getElementsByTagName("configuration").item(0);
        String workingDir = null;
        var goals = new ArrayList<String>();
        var projects = new ArrayList<String>();
        var options = doc.getElementsByTagName("option");
        for (int i = 0; i < options.getLength(); i++) {
            var option = (Element) options.item(i);
            switch (option.getAttribute("name")) {
                case "workingDirPath" -> workingDir = option.getAttribute("value");
                case "goals" -> goals.addAll(values(option));
                case "projectsCmdOptionValues" -> projects.addAll(values(option));
                default -> { }
            }
        }
        var before = new ArrayList<String>();
        for (var task : elements(doc.getElementsByTagName("option"))) {
            if (task.getAttribute("name").equals("RunConfigurationTask")) {
                before.add(task.getAttribute("run_configuration_name"));
            }
        }
        return new RunConfiguration(file.getFileName(), configuration.getAttribute("name"),
                configuration.getAttribute("type"), workingDir, goals, projects, before);
    }

    private static List<String> values(Element option) {
        return elements(option.getElementsByTagName("option")).stream().map(o -> o.getAttribute("value")).toList();
    }

    private static List<Element> elements(NodeList nodes) {
        var list = new ArrayList<Element>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static List<String> modules() {
        return elements(parse(ROOT.resolve("pom.xml")).getElementsByTagName("module")).stream()
                .map(Element::getTextContent).map(String::strip).toList();
    }

    private static List<String> descriptorGoals() {
        assertThat(DESCRIPTOR).as("the plugin descriptor (made at process-classes)").exists();
        return elements(parse(DESCRIPTOR).getElementsByTagName("goal")).stream()
                .map(Element::getTextContent).map(String::strip).toList();
    }

    private static String goalPrefix() {
        return parse(DESCRIPTOR).getElementsByTagName("goalPrefix").item(0).getTextContent().strip();
    }

    private static Document parse(Path file) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
