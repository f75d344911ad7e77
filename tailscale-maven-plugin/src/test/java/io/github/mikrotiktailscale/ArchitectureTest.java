package io.github.mikrotiktailscale;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layers of docs/DEVELOPMENT.md's package table, as an allow-list: each package uses only the
 * packages named for it, a package not in the table fails until it is placed there, the packages
 * form no cycle, the core has no Maven types, and no mojo names another.
 */
class ArchitectureTest {

    private static final String ROOT = "io.github.mikrotiktailscale";

    /** Package → the packages of ours it may use: the "may use" column of DEVELOPMENT.md. */
    static final Map<String, Set<String>> LAYERS = Map.ofEntries(
            Map.entry("problem", Set.of()),
            Map.entry("process", Set.of()),
            Map.entry("progress", Set.of()),
            Map.entry("gomodule", Set.of()),
            Map.entry("archive", Set.of()),
            Map.entry("feature", Set.of("problem")),
            Map.entry("image", Set.of("feature", "problem")),
            Map.entry("dockerfile", Set.of("image", "feature", "problem")),
            Map.entry("docker", Set.of("image", "process", "problem")),
            Map.entry("build", Set.of("docker", "archive", "image", "gomodule", "progress", "problem")),
            Map.entry("smoke", Set.of("docker", "build", "image", "archive", "progress", "problem")),
            Map.entry("release", Set.of("build", "archive", "docker", "process", "image", "feature", "progress",
                    "problem")),
            Map.entry("configuration", Set.of("release", "image", "feature", "archive", "problem")),
            Map.entry("workspace", Set.of("dockerfile", "build", "archive", "image", "feature", "progress", "problem")),
            Map.entry("canary", Set.of("build", "docker", "gomodule", "feature", "image", "process", "problem")),
            Map.entry("maven", Set.of("canary", "workspace", "configuration", "release", "smoke", "build", "docker", "archive", "dockerfile",
                    "image", "feature", "gomodule", "process", "progress", "problem")));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    static Set<String> layers() {
        return new TreeSet<>(LAYERS.keySet());
    }

    private static String topPackage(JavaClass type) {
        var rest = type.getPackageName().substring(ROOT.length());
        return rest.isEmpty() ? "" : rest.substring(1).split("\\.")[0];
    }

    @Test
    void everyPackageIsPlacedInTheTable() {
        var placed = classes.stream().filter(c -> c.getPackageName().startsWith(ROOT)).map(ArchitectureTest::topPackage)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(LAYERS.keySet()).as("a new package goes into DEVELOPMENT.md's table and LAYERS with what it may"
                + " use").containsAll(placed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void aPackageUsesOnlyWhatTheTableAllows(String layer) {
        var allowed = LAYERS.get(layer).stream().map(p -> ROOT + "." + p + "..").collect(Collectors.toList());
        allowed.add(ROOT + "." + layer + "..");
        classes().that().resideInAPackage(ROOT + "." + layer + "..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..")
                        .or(resideInAnyPackage(allowed.toArray(String[]::new))))
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheMavenPackageUsesMaven() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".maven..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..")
                .check(classes);
    }

    @Test
    void mojosDoNotDependOnMojos() {
        var mojos = classes.stream().filter(c -> c.isAssignableTo(AbstractMojo.class)
                && !c.getModifiers().contains(JavaModifier.ABSTRACT)).collect(Collectors.toSet());
        var violations = new ArrayList<String>();
        for (var mojo : mojos) {
            for (var dependency : mojo.getDirectDependenciesFromSelf()) {
                var target = dependency.getTargetClass();
                if (mojos.contains(target) && !target.equals(mojo)) {
                    violations.add(dependency.getDescription());
                }
            }
        }

        assertThat(mojos).as("the goals were found").hasSizeGreaterThan(5);
        assertThat(violations).as("a decision two goals share belongs in the core").isEmpty();
    }

    @Test
    void theTableInDevelopmentMdIsTheOneTested() throws Exception {
        var text = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "DEVELOPMENT.md"));
        var rows = text.lines().filter(l -> l.startsWith("| `")).collect(Collectors.toList());
        for (var layer : LAYERS.keySet()) {
            var row = rows.stream().filter(r -> r.startsWith("| `" + layer + "` |")).findFirst();
            assertThat(row).as("DEVELOPMENT.md has a row for %s", layer).isPresent();
            var mayUse = row.get().substring(row.get().lastIndexOf('|', row.get().length() - 2));
            var named = Arrays.stream(mayUse.split("`")).filter(LAYERS::containsKey).collect(Collectors.toSet());
            if (!layer.equals("maven")) {
                assertThat(named).as("DEVELOPMENT.md: what %s may use", layer).isEqualTo(LAYERS.get(layer));
            }
        }
    }
}
