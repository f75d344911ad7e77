package io.github.mikrotiktailscale.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.archive.ComponentPaths;
import io.github.mikrotiktailscale.archive.ImageExpectations;
import io.github.mikrotiktailscale.dockerfile.DockerfileRenderer;
import io.github.mikrotiktailscale.image.ImageSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the generate goal tells verify-size through the files it leaves. (The budgets are tested in SizeBudgetsTest.) */
class GoalFilesTest {

    @Test
    void theGenerateGoalExpectsWhatTheRendererLaysOut() throws Exception {
        var spec = ImageSpec.builder().tailscaleVersion("v1.98.3").busyboxVersion("1.37.0")
                .builderImage("golang:1.26.3-alpine@sha256:" + "a".repeat(64))
                .busyboxImage("alpine:3.23.4@sha256:" + "b".repeat(64))
                .feature("cli", "needed").feature("unixsocketidentity", "needed").feature("ipnbus", "needed")
                .feature("osrouter", "needed").feature("dns", "needed").feature("netstack", "needed");

        var expectations = GoalFiles.expectations(spec.build());

        assertThat(expectations.entrypoint()).containsExactly(DockerfileRenderer.ENTRYPOINT);
        assertThat(expectations.cmd()).contains("--state=/var/lib/tailscale/tailscaled.state");
        assertThat(expectations.volumes()).containsExactly("/var/lib/tailscale");
        assertThat(expectations.upxPacked()).isTrue();
        assertThat(expectations.components()).isEqualTo(ComponentPaths.STANDARD);
        assertThat(ComponentPaths.STANDARD.entrypoint()).isEqualTo(DockerfileRenderer.ENTRYPOINT);
        assertThat(ComponentPaths.STANDARD.caBundle()).isEqualTo(DockerfileRenderer.CA_BUNDLE);

        // the file lies next to the build context, but is no part of it
        assertThat(DockerfileRenderer.render(spec.build()).file(".dockerignore").text().lines())
                .contains(ImageExpectations.FILE, GoalFiles.FEATURES_REPORT);

        var bakedRoots = GoalFiles.expectations(spec.trustStore("bakedroots").build());
        assertThat(bakedRoots.components().caBundle()).isEmpty();
        assertThat(bakedRoots.components().tailscaleLinks()).isEqualTo(List.of("/usr/local/bin/tailscale",
                "/usr/local/bin/tailscaled"));
    }
}
