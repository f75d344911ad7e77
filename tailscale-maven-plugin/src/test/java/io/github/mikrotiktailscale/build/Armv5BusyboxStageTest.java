package io.github.mikrotiktailscale.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.docker.DockerfileFacts;
import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Armv5BusyboxStageTest {

    private static DockerfileFacts busyboxFrom(String from) {
        return DockerfileFacts.read("FROM --platform=$BUILDPLATFORM local/tailscale-builder:trixie AS tailscale\n"
                + from + " AS busybox\nRUN sh /opt/build/build-busybox.sh\nFROM scratch\n");
    }

    @Test
    void anAlpineBusyboxStageCannotGiveArmv5AndSaysWhatDoes() {
        var facts = busyboxFrom("FROM alpine:3.23.4@sha256:5b10f432ef3da1b8d4c7eb6c487f2f5a8f096bc91145e68878dd4a5019afde11");

        assertThatThrownBy(() -> Armv5BusyboxStage.check(facts, List.of(Platform.ARM64, Platform.ARMV5)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("<busyboxImage>: linux/arm/v5 cannot be built with the busybox stage's image alpine:3.23.4@")
                .hasMessageContaining("Alpine publishes no ARMv5 image and has no ARMv5 (armel) musl cross compiler")
                .hasMessageContaining(".ci/bases/build-local-bases.sh cross")
                .hasMessageContaining("leave armv5 out of tailscale.platforms");
    }

    @Test
    void otherPlatformsAndTheDebianCrossImagePass() {
        assertThatCode(() -> Armv5BusyboxStage.check(busyboxFrom("FROM alpine:3.23.4"), List.of(Platform.ARMV7)))
                .doesNotThrowAnyException();
        assertThatCode(() -> Armv5BusyboxStage.check(busyboxFrom(
                "FROM --platform=$BUILDPLATFORM local/tailscale-busybox-cross:trixie"), List.of(Platform.ARMV5)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({"alpine,true", "alpine:3.23.4,true", "docker.io/library/alpine@sha256:ab,true",
            "golang:1.26.8-alpine@sha256:ce,true", "registry.example:5000/mirror/alpine:3,true",
            "local/tailscale-busybox-cross:trixie,false", "debian:trixie-slim,false", "localhost:5000/alpine-like:1,false"})
    void recognisesAlpineReferences(String reference, boolean alpine) {
        assertThat(Armv5BusyboxStage.isAlpine(reference)).isEqualTo(alpine);
    }
}
