package io.github.mikrotiktailscale;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core has no Maven types, and its packages depend on each other in one direction only
 * (docs/DEVELOPMENT.md has the picture).
 */
class ArchitectureTest {

    private static final String ROOT = "io.github.mikrotiktailscale";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    private static String[] ours(String... packages) {
        var names = new String[packages.length];
        for (int i = 0; i < packages.length; i++) {
            names[i] = ROOT + "." + packages[i] + "..";
        }
        return names;
    }

    @Test
    void onlyTheMavenPackageUsesMaven() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".maven..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..")
                .check(classes);
    }

    @Test
    void processDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(ROOT + ".process..")
                .should().dependOnClassesThat().resideInAnyPackage(ours("problem", "feature", "image", "dockerfile",
                        "docker", "archive", "build", "smoke", "release", "maven"))
                .check(classes);
    }

    @Test
    void problemDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(ROOT + ".problem..")
                .should().dependOnClassesThat().resideInAnyPackage(ours("feature", "image", "dockerfile", "docker",
                        "archive", "smoke", "release", "maven", "process"))
                .check(classes);
    }

    @Test
    void featureUsesOnlyProblem() {
        noClasses().that().resideInAPackage(ROOT + ".feature..")
                .should().dependOnClassesThat().resideInAnyPackage(ours("image", "dockerfile", "docker", "archive",
                        "smoke", "release", "maven"))
                .check(classes);
    }

    @Test
    void imageUsesOnlyFeature() {
        noClasses().that().resideInAPackage(ROOT + ".image..")
                .should().dependOnClassesThat().resideInAnyPackage(ours("dockerfile", "docker", "archive", "smoke",
                        "release", "maven"))
                .check(classes);
    }

    @Test
    void dockerfileUsesOnlyImageAndFeature() {
        noClasses().that().resideInAPackage(ROOT + ".dockerfile..")
                .should().dependOnClassesThat().resideInAnyPackage(ours("docker", "archive", "smoke", "release", "maven"))
                .check(classes);
    }

    @Test
    void dockerUsesOnlyImage() {
        noClasses().that().resideInAPackage(ROOT + ".docker..")
                .should().dependOnClassesThat().resideInAnyPackage(ours("dockerfile", "archive", "build", "smoke",
                        "release", "maven"))
                .check(classes);
    }

    @Test
    void archiveUsesNothingElseOfOurs() {
        noClasses().that().resideInAPackage(ROOT + ".archive..")
                .should().dependOnClassesThat().resideInAnyPackage(ours("feature", "image", "dockerfile", "docker",
                        "build", "smoke", "release", "maven"))
                .check(classes);
    }

    @Test
    void buildSitsBelowReleaseAndSmoke() {
        noClasses().that().resideInAPackage(ROOT + ".build..")
                .should().dependOnClassesThat().resideInAnyPackage(ours("dockerfile", "smoke", "release", "maven"))
                .check(classes);
    }

    @Test
    void releaseDoesNotReachIntoGoalsOrGeneration() {
        noClasses().that().resideInAPackage(ROOT + ".release..")
                .should().dependOnClassesThat().resideInAnyPackage(ours("dockerfile", "smoke", "maven"))
                .check(classes);
    }

    @Test
    void gomoduleDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(ROOT + ".gomodule..")
                .should().dependOnClassesThat().resideInAnyPackage(ours("problem", "process", "feature", "image",
                        "dockerfile", "docker", "archive", "build", "smoke", "release", "canary", "maven"))
                .check(classes);
    }

    @Test
    void canarySitsBesideTheGoalsAndReadsTheOtherGoalsOnlyThroughTheirFiles() {
        noClasses().that().resideInAPackage(ROOT + ".canary..")
                .should().dependOnClassesThat().resideInAnyPackage(ours("dockerfile", "archive", "smoke", "release",
                        "maven"))
                .check(classes);
    }

    @Test
    void onlyTheGoalsUseTheCanary() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".canary..", ROOT + ".maven..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".canary..")
                .check(classes);
    }
}
