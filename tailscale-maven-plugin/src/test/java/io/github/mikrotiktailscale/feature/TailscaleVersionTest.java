package io.github.mikrotiktailscale.feature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TailscaleVersionTest {

    @Test
    void parsesReleaseTagsWithAndWithoutV() {
        var version = TailscaleVersion.parse("v1.98.3").orElseThrow();

        assertThat(version).isEqualTo(new TailscaleVersion(1, 98, 3))
                .isEqualTo(TailscaleVersion.parse("1.98.3").orElseThrow());
        assertThat(version.tag()).isEqualTo("v1.98.3");
        assertThat(version.minorLine()).isEqualTo("1.98");
        assertThat(version.isStable()).isTrue();
        assertThat(TailscaleVersion.parse("v1.99.0").orElseThrow().isStable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "latest", "v1.98", "1.98.3.1", "v1.103.0-pre", "v01.98.3", "V1.98.3", "v1.98.x"})
    void rejectsAnythingThatIsNotAReleaseTag(String text) {
        assertThat(TailscaleVersion.parse(text)).isEmpty();
    }

    @Test
    void ordersNumerically() {
        assertThat(TailscaleVersion.parse("v1.100.0").orElseThrow())
                .isGreaterThan(TailscaleVersion.parse("v1.98.3").orElseThrow());
    }
}
