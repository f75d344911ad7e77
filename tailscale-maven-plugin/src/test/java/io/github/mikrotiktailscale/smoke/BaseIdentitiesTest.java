package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.image.Platform;
import org.junit.jupiter.api.Test;

class BaseIdentitiesTest {

    @Test
    void aPerPlatformBaseIsNamedForEachPlatform() {
        assertThat(BaseIdentities.expand("local/tailscale-busybox-stage:$TARGETARCH$TARGETVARIANT", Platform.ARMV7))
                .isEqualTo("local/tailscale-busybox-stage:armv7");
        assertThat(BaseIdentities.expand("local/stage:${TARGETARCH}${TARGETVARIANT}", Platform.ARM64))
                .isEqualTo("local/stage:arm64");
        assertThat(BaseIdentities.expand("local/tailscale-builder:trixie", Platform.AMD64))
                .isEqualTo("local/tailscale-builder:trixie");
    }
}
