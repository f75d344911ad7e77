package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogNoiseTest {

    @Test
    void countsLinesAMinuteAndRecognisesVerboseOnes() {
        var noise = LogNoise.count("node-a", Duration.ofSeconds(120), List.of(
                "2026/11/24 21:20:34 [v1] initPeerAPIListener: entered",
                "2026/11/24 21:20:34 control: [v1] mapRoutine: netmap received: loggedIn=true inMapPoll=true",
                "2026/11/24 21:20:34 wg: [v2] Device closing",
                "2026/11/24 21:25:21 [v\u0000JSON]1{\"Hostinfo\":{}}",
                "2026/11/24 21:20:34 [RATELIMIT] format(\"[v1] authReconfig: ra=%v dns=%v 0x%02x: %v\")",
                "2026/11/24 21:20:34 wgengine: Reconfig: configuring router",
                "+ [gOKUu] d:a372d9f0fab9f257 D0 100.64.0.2 fd7a:115c:a1e0:ab12:4843:cd96:6240:2/128 :"));

        assertThat(noise.lines()).isEqualTo(7);
        assertThat(noise.verboseLines()).isEqualTo(4);
        assertThat(noise.linesPerMinute()).isEqualTo(3.5);
        assertThat(noise.verboseSamples()).hasSize(3).first().asString().contains("initPeerAPIListener");
        assertThat(noise.describe()).isEqualTo("node-a: 7 lines in 120 s (3.5 a minute), 4 verbose");
    }

    @Test
    void aQuietLogIsQuiet() {
        var noise = LogNoise.count("node-b", Duration.ofSeconds(60), List.of());

        assertThat(noise.verboseLines()).isZero();
        assertThat(noise.linesPerMinute()).isZero();
    }
}
