package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageLayoutTest {

    @Test
    void readsTheVolumeStateFileAndSocketFromTheImageConfig() {
        var layout = ImageLayout.parse("""
                {"Env":["PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                 "Entrypoint":["/usr/local/bin/entrypoint.sh"],
                 "Cmd":["--no-logs-no-support","--state=/var/lib/tailscale/tailscaled.state",
                        "--socket=/var/run/tailscale/tailscaled.sock","--statedir=/var/lib/tailscale"],
                 "Volumes":{"/var/lib/tailscale":{}}}
                """);

        assertThat(layout).isEqualTo(new ImageLayout("/var/lib/tailscale", "tailscaled.state",
                "/var/run/tailscale/tailscaled.sock"));
        assertThat(layout.stateOnVolume()).isTrue();
    }

    @Test
    void aStateFileOutsideTheVolumeIsKeptAbsoluteAndDoesNotSurviveARestart() {
        var layout = ImageLayout.parse("{\"Cmd\":[\"--state=/tmp/ts.state\",\"--socket=/run/ts.sock\"],"
                + "\"Volumes\":{\"/data\":{}}}");

        assertThat(layout.stateFile()).isEqualTo("/tmp/ts.state");
        assertThat(layout.socket()).isEqualTo("/run/ts.sock");
        assertThat(layout.stateOnVolume()).isFalse();
    }

    @Test
    void withoutVolumeAndFlagsTheDaemonsDefaultsApply() {
        var layout = ImageLayout.parse("{\"Cmd\":null}");

        assertThat(layout).isEqualTo(new ImageLayout("/var/lib/tailscale", "tailscaled.state",
                "/var/run/tailscale/tailscaled.sock"));
    }
}
