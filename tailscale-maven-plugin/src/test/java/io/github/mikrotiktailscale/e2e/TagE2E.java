package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code tailscale:tag} on a real git repository with a remote, as CI and the maintainer run it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TagE2E {

    private static FixtureProject project;

    @BeforeAll
    static void repository() throws Exception {
        project = FixtureProject.copy("release").initGit(true);
    }

    private static String git(String... args) throws java.io.IOException {
        return project.git(args);
    }

    private static void commit(String message) throws Exception {
        Files.writeString(project.file("context/hello.txt"), message + "\n");
        git("commit", "-q", "-am", message);
    }

    @Test
    @Order(1)
    void automaticTaggingCreatesMt1ForANewTailscaleVersionAsAnAnnotatedTag() throws Exception {
        var run = project.maven("tailscale:tag", "tailscale.autoTag=true");

        assertThat(run.succeeded()).as("%s", run).isTrue();
        assertThat(run.log()).contains("Created tag v1.98.3-mt.1");
        assertThat(git("cat-file", "-t", "v1.98.3-mt.1")).isEqualTo("tag");
        assertThat(Files.readString(project.file("target/release-tag.txt")).trim()).isEqualTo("v1.98.3-mt.1");
        assertThat(git("ls-remote", "--tags", "origin")).as("pushing is a separate step").isEmpty();
    }

    @Test
    @Order(2)
    void automaticTaggingDoesNothingOnceTheVersionIsReleased() throws Exception {
        var again = project.maven("tailscale:tag", "tailscale.autoTag=true");
        commit("a build-system change");
        var later = project.maven("tailscale:tag", "tailscale.autoTag=true");

        assertThat(again.log()).contains("No release tag: HEAD is already released as v1.98.3-mt.1");
        assertThat(later.log()).contains("No release tag: Tailscale v1.98.3 is already released");
        assertThat(git("tag", "-l")).isEqualTo("v1.98.3-mt.1");
    }

    @Test
    @Order(3)
    void aDeliberateFixIsTheNextRevisionAndCanBePushed() throws Exception {
        var refused = project.maven("tailscale:tag");
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.log()).contains("v1.98.3-mt.1 already exists on another commit", "-Dtailscale.revision=next");

        var run = project.maven("tailscale:tag", "tailscale.revision=next", "tailscale.pushTag=true");

        assertThat(run.succeeded()).as("%s", run).isTrue();
        assertThat(run.log()).contains("Created tag v1.98.3-mt.2", "Pushed v1.98.3-mt.2 to origin");
        assertThat(git("ls-remote", "--tags", "origin")).contains("refs/tags/v1.98.3-mt.2");
    }

    @Test
    @Order(4)
    void aTailscaleBumpGetsItsOwnMt1Automatically() throws Exception {
        var pom = project.file("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<tailscaleVersion>v1.98.3<", "<tailscaleVersion>v1.100.0<"));
        git("commit", "-q", "-am", "Tailscale v1.100.0");

        var run = project.maven("tailscale:tag", "tailscale.autoTag=true");

        assertThat(run.log()).contains("Created tag v1.100.0-mt.1");
    }

    @Test
    @Order(5)
    void aDirtyTreeAndABadRevisionAreRefusedClearly() throws Exception {
        Files.writeString(project.file("context/hello.txt"), "dirty\n");
        try {
            var dirty = project.maven("tailscale:tag", "tailscale.revision=next");
            assertThat(dirty.succeeded()).isFalse();
            assertThat(dirty.log()).contains("uncommitted changes");
        } finally {
            git("checkout", "--", "context/hello.txt");
        }
        var bad = project.maven("tailscale:tag", "tailscale.revision=3");
        assertThat(bad.log()).contains("'3' is not a revision choice", "-Dtailscale.revision=next");
    }
}
