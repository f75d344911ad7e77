package io.github.mikrotiktailscale.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformsTest {

    @Test
    void eachPlatformKnowsItsNamesForDockerGoAndRouterOs() {
        assertThat(Platform.ARMV7.dockerName()).isEqualTo("linux/arm/v7");
        assertThat(Platform.ARMV7.goarch()).isEqualTo("arm");
        assertThat(Platform.ARMV7.goarm()).isEqualTo("7");
        assertThat(Platform.ARMV7.variant()).isEqualTo("v7");
        assertThat(Platform.ARMV7.routerOsArchitecture()).isEqualTo("arm");
        assertThat(Platform.ARM64.goarm()).isEmpty();
        assertThat(Platform.ARM64.routerOsArchitecture()).isEqualTo("arm64");
        assertThat(Platform.AMD64.routerOsArchitecture()).isEqualTo("x86");
        assertThat(Platform.AMD64.variant()).isEmpty();
        assertThat(Platform.ARMV5.dockerName()).isEqualTo("linux/arm/v5");
        assertThat(Platform.ARMV5.shortName()).isEqualTo("armv5");
        assertThat(Platform.ARMV5.goarm()).isEqualTo("5");
        assertThat(Platform.ARMV5.variant()).isEqualTo("v5");
        assertThat(Platform.ARMV5.routerOsArchitecture()).isEqualTo("arm");
    }

    @ParameterizedTest
    @CsvSource({"amd64,AMD64", "linux/amd64,AMD64", "x86_64,AMD64", "arm64,ARM64", "linux/arm64,ARM64",
            "aarch64,ARM64", "armv7,ARMV7", "linux/arm/v7,ARMV7", "arm/v7,ARMV7", "ARMv7,ARMV7", "armv5,ARMV5",
            "linux/arm/v5,ARMV5", "arm/v5,ARMV5", "arm32v5,ARMV5", "armel,ARMV5"})
    void acceptsShortDockerAndCommonNames(String name, Platform expected) {
        assertThat(Platform.find(name)).contains(expected);
    }

    @Test
    void parsesAListInOrderWithoutDuplicates() throws Exception {
        assertThat(Platforms.parse("arm64, armv7,linux/arm64")).containsExactly(Platform.ARM64, Platform.ARMV7);
        assertThat(Platforms.parse("amd64,arm64,armv7,armv5")).containsExactly(Platform.values());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "armv6;no RouterOS device", "386;64-bit x86 only", "mipsbe;arm, arm64 and x86 routers only",
        "arm;armv5 (EN7562CT routers", "sparc;not a platform this image is built for"})
    void refusesOtherPlatformsWithTheReasonAndTheList(String name, String reason) {
        assertThatThrownBy(() -> Platforms.parse("arm64," + name))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'" + name + "' cannot be built")
                .hasMessageContaining(reason)
                .hasMessageContaining("amd64 (linux/amd64), arm64 (linux/arm64), armv7 (linux/arm/v7), armv5 (linux/arm/v5)");
    }

    @Test
    void anEmptyListIsAnError() {
        assertThatThrownBy(() -> Platforms.parse(" ")).hasMessageContaining("no platform given");
    }
}
