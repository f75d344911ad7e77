package io.github.mikrotiktailscale.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.image.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildFailuresTest {

    @Test
    void aBaseImageThatCannotBePulledIsNamedWithWhatToDo() {
        var log = List.of("#3 [internal] load metadata for docker.io/library/alpine:3.23.4@sha256:5b10",
                "#3 ERROR: failed to do request: Head \"https://registry-1.docker.io/v2/library/alpine/manifests/sha256:5b10\":"
                        + " dial tcp: lookup registry-1.docker.io on 10.0.0.2:53: no such host",
                "error: failed to solve: alpine:3.23.4@sha256:5b10: failed to do request");

        assertThat(BuildFailures.explain(log, Platform.ARM64)).hasValueSatisfying(text -> assertThat(text)
                .contains("Cannot pull registry-1.docker.io/library/alpine@sha256:5b10").contains("linux/arm64").contains("registry mirror")
                .contains("<allowUnpinnedBaseImages>"));
    }

    @Test
    void theProjectsOwnWayWithoutDockerHubComesFirst() {
        var log = List.of("error: failed to solve: failed to do request: Head"
                + " \"https://registry-1.docker.io/v2/library/golang/manifests/sha256:ce86\": dial tcp: lookup"
                + " registry-1.docker.io on 10.0.0.2:53: no such host");

        assertThat(BuildFailures.explain(log, Platform.ARMV7, "add -Plocal-bases (or set TAILSCALE_LOCAL_BASES=1)"))
                .hasValueSatisfying(text -> assertThat(text).contains("Cannot pull registry-1.docker.io/library/golang@")
                        .contains("This project builds without them: add -Plocal-bases (or set TAILSCALE_LOCAL_BASES=1)."
                                + " Otherwise, without access to Docker Hub, configure a registry mirror"));
    }

    @Test
    void aTagThatCannotBeResolvedIsNamedWithItsTag() {
        var log = List.of("ERROR: failed to solve: rpc error: code = Unknown desc = failed to solve with frontend"
                + " dockerfile.v0: failed to create LLB definition: failed to do request: Head"
                + " \"https://registry-1.docker.io/v2/library/alpine/manifests/3.20\": dial tcp: lookup"
                + " registry-1.docker.io on 10.255.255.53:53: no such host");

        assertThat(BuildFailures.explain(log, Platform.AMD64))
                .hasValueSatisfying(text -> assertThat(text).contains("Cannot pull registry-1.docker.io/library/alpine:3.20"));
    }

    @Test
    void missingEmulationIsExplained() {
        assertThat(BuildFailures.explain(List.of("#5 0.2 exec /bin/sh: exec format error"), Platform.ARMV7))
                .hasValueSatisfying(text -> assertThat(text).contains("QEMU").contains("binfmt"));
    }

    @Test
    void anEngineWithoutBridgeIsExplained() {
        assertThat(BuildFailures.explain(List.of("error: failed to solve: network bridge not found"), Platform.AMD64))
                .hasValueSatisfying(text -> assertThat(text).contains("-Dtailscale.network=host"));
    }

    @Test
    void aFullDiskIsExplained() {
        assertThat(BuildFailures.explain(List.of("write /var/lib/docker/x: no space left on device"), Platform.AMD64))
                .hasValueSatisfying(text -> assertThat(text).contains("docker system prune"));
    }

    @Test
    void otherFailuresAreLeftToTheLog() {
        var log = List.of("#3 [internal] load metadata for docker.io/library/alpine:3.23",
                "#9 ERROR: process \"/bin/sh -c make\" did not complete successfully: exit code: 2");

        assertThat(BuildFailures.explain(log, Platform.AMD64)).isEmpty();
    }
}
