package io.github.mikrotiktailscale.routeros;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.dockerfile.DockerfileRenderer;
import io.github.mikrotiktailscale.image.DaemonOptions;
import io.github.mikrotiktailscale.routeros.RouterOsScriptCheck.Rule;
import io.github.mikrotiktailscale.routeros.RouterOsScriptCheck.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The router scripts in {@code routeros-scripts/} keep the rules real routers taught the original
 * project, and the check really catches each broken rule (the bad fixtures).
 */
class RouterOsScriptCheckTest {

    private static final Path SCRIPTS = Path.of("..", "routeros-scripts");

    static Stream<Path> projectScripts() throws IOException {
        try (var files = Files.list(SCRIPTS)) {
            return files.filter(f -> f.toString().endsWith(".rsc")).sorted().toList().stream();
        }
    }

    @Test
    void theProjectHasBothScripts() throws IOException {
        assertThat(projectScripts().map(p -> p.getFileName().toString()))
                .contains("deploy-tailscale.rsc", "update-tailscale.rsc");
    }

    @ParameterizedTest
    @MethodSource("projectScripts")
    void projectScriptKeepsEveryRule(Path script) throws IOException {
        assertThat(RouterOsScriptCheck.check(Files.readString(script))).isEmpty();
    }

    /** image-project copies the scripts with @name@ replaced by its properties (resource filtering). */
    @ParameterizedTest
    @MethodSource("projectScripts")
    void everyPlaceholderIsAnImageProjectProperty(Path script) throws IOException {
        var pom = Files.readString(Path.of("..", "image-project", "pom.xml"));
        var properties = pom.substring(pom.indexOf("<properties>"), pom.indexOf("</properties>"));
        var placeholders = Pattern.compile("@([A-Za-z][\\w.-]*)@").matcher(Files.readString(script)).results()
                .map(m -> m.group(1)).collect(Collectors.toSet());
        assertThat(placeholders).as("%s uses placeholders", script).isNotEmpty();
        for (var name : placeholders) {
            assertThat(properties).as("%s: @%s@ is a property of image-project/pom.xml", script, name)
                    .contains("<" + name + ">");
        }
    }

    /** RouterOS 7.22+ may need them set; they must be exactly what the image itself declares. */
    @Test
    void theUpdaterSetsTheImagesOwnEntrypointAndCommand() throws IOException {
        var script = Files.readString(SCRIPTS.resolve("update-tailscale.rsc"));
        assertThat(configValue(script, "cEntrypoint")).isEqualTo(DockerfileRenderer.ENTRYPOINT);
        assertThat(configValue(script, "cCmd")).isEqualTo(String.join(" ", DaemonOptions.defaults().arguments()));
        assertThat(script).contains("entrypoint=(\\$a->\\\"entrypoint\\\") cmd=(\\$a->\\\"cmd\\\")");
    }

    private static String configValue(String script, String name) {
        var m = Pattern.compile("(?m)^:local " + name + " \"([^\"]*)\"").matcher(script);
        assertThat(m.find()).as("CONFIG %s", name).isTrue();
        return m.group(1);
    }

    @Test
    void aScriptThatKeepsEveryRulePasses() {
        assertThat(RouterOsScriptCheck.check(fixture("good-minimal.rsc"))).isEmpty();
    }

    static Stream<Arguments> brokenScripts() {
        return Stream.of(
                Arguments.of("bad-ampersand-in-url-string.rsc", Set.of(Rule.AMPERSAND_IN_URL)),
                Arguments.of("bad-ampersand-in-url-argument.rsc", Set.of(Rule.AMPERSAND_IN_URL)),
                Arguments.of("bad-import.rsc", Set.of(Rule.IMPORT)),
                Arguments.of("bad-undeclared-variable.rsc", Set.of(Rule.UNDECLARED_VARIABLE)),
                Arguments.of("bad-variable-declared-later.rsc", Set.of(Rule.UNDECLARED_VARIABLE)),
                Arguments.of("bad-variable-out-of-scope.rsc", Set.of(Rule.UNDECLARED_VARIABLE)),
                Arguments.of("bad-function-reads-outer-local.rsc", Set.of(Rule.UNDECLARED_VARIABLE)),
                Arguments.of("bad-remove-without-retry.rsc", Set.of(Rule.CONTAINER_WITHOUT_RETRY)),
                Arguments.of("bad-start-without-retry.rsc", Set.of(Rule.CONTAINER_WITHOUT_RETRY)),
                Arguments.of("bad-no-config.rsc", Set.of(Rule.MISSING_CONFIG)),
                Arguments.of("bad-config-with-command.rsc", Set.of(Rule.MISSING_CONFIG)),
                Arguments.of("bad-no-version-check.rsc", Set.of(Rule.MISSING_VERSION_CHECK)),
                Arguments.of("bad-version-checked-too-late.rsc", Set.of(Rule.MISSING_VERSION_CHECK)),
                Arguments.of("bad-reserved-name-in-where.rsc", Set.of(Rule.RESERVED_NAME_IN_WHERE)),
                Arguments.of("bad-head-with-headers.rsc", Set.of(Rule.HEAD_WITH_HEADERS)),
                Arguments.of("bad-storage-outside-flash.rsc", Set.of(Rule.STORAGE_OUTSIDE_FLASH)),
                Arguments.of("bad-remove-before-new-runs.rsc", Set.of(Rule.CONTAINER_REMOVED_BEFORE_REPLACEMENT_RUNS)),
                Arguments.of("bad-moving-tag.rsc", Set.of(Rule.MOVING_TAG)));
    }

    /** The scripts as they were before issue 18: each defect a static rule can express is found. */
    static Stream<Arguments> legacyScripts() {
        return Stream.of(
                Arguments.of("legacy-deploy-tailscale.rsc", Set.of(Rule.RESERVED_NAME_IN_WHERE,
                        Rule.STORAGE_OUTSIDE_FLASH, Rule.MOVING_TAG)),
                Arguments.of("legacy-update-tailscale.rsc", Set.of(Rule.HEAD_WITH_HEADERS, Rule.STORAGE_OUTSIDE_FLASH,
                        Rule.CONTAINER_REMOVED_BEFORE_REPLACEMENT_RUNS, Rule.MOVING_TAG)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legacyScripts")
    void theScriptsBeforeIssue18FailTheNewRules(String fixture, Set<Rule> expected) {
        List<Violation> violations = RouterOsScriptCheck.check(fixture(fixture));
        violations.forEach(v -> System.out.println(fixture + ": " + v));
        assertThat(violations.stream().map(Violation::rule).collect(Collectors.toSet()))
                .as("%s", violations)
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenScripts")
    void eachRuleCanFail(String fixture, Set<Rule> expected) {
        List<Violation> violations = RouterOsScriptCheck.check(fixture(fixture));
        assertThat(violations.stream().map(Violation::rule).collect(Collectors.toSet()))
                .as("%s", violations)
                .isEqualTo(expected);
    }

    @Test
    void aViolationNamesTheLineAndTheVariable() {
        assertThat(RouterOsScriptCheck.check(fixture("bad-undeclared-variable.rsc")))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.line()).isEqualTo(5);
                    assertThat(v.message()).contains("$cNmae");
                });
    }

    private static String fixture(String name) {
        try (InputStream in = RouterOsScriptCheckTest.class.getResourceAsStream("/routeros/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
