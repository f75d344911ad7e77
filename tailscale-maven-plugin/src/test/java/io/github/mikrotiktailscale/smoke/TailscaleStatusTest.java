package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TailscaleStatusTest {

    private static String resource(String name) throws IOException {
        try (var in = TailscaleStatusTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheStatusOfARunningNodeWithASubnetRouterAsPeer() throws IOException {
        // node B's 'tailscale status --json' from a smoke run, Tailscale 1.98.3
        var status = TailscaleStatus.parse(resource("status-running.json"));

        assertThat(status.running()).isTrue();
        assertThat(status.self().hostName()).isEqualTo("node-b");
        assertThat(status.self().id()).isEqualTo("TESTCTRL00000001");
        assertThat(status.self().publicKey()).startsWith("nodekey:56d24b32");
        assertThat(status.self().ipv4()).isEqualTo("100.64.0.1");
        assertThat(status.magicDnsSuffix()).isEqualTo("smoke.test");
        assertThat(status.health()).isEmpty();
        var a = status.peer("node-a").orElseThrow();
        assertThat(a.dnsName()).isEqualTo("node-a.smoke.test.");
        assertThat(a.primaryRoutes()).containsExactly("0.0.0.0/0", "10.98.200.0/24", "::/0");
        assertThat(a.exitNodeOption()).isTrue();
        assertThat(a.exitNode()).isFalse();
        assertThat(a.ipv4()).isEqualTo("100.64.0.2");
        assertThat(status.peer("node-c")).isEmpty();
    }

    @Test
    void aLoggedOutNodeHasNoSelfAndItsHealthWarnings() {
        var status = TailscaleStatus.parse("""
                {
                  "BackendState": "NeedsLogin",
                  "AuthURL": "http://10.98.0.1:8081/auth/abc",
                  "Self": null,
                  "Health": ["You are logged out. The last login error was: invalid authkey"]
                }
                """);

        assertThat(status.running()).isFalse();
        assertThat(status.backendState()).isEqualTo("NeedsLogin");
        assertThat(status.self()).isNull();
        assertThat(status.peers()).isEmpty();
        assertThat(status.authUrl()).endsWith("/auth/abc");
        assertThat(status.health()).singleElement().asString().contains("invalid authkey");
    }

    @Test
    void textBeforeTheJsonIsSkippedAndNoJsonIsAnError() {
        assertThat(TailscaleStatus.parse("Warning: client version differs\n{\"BackendState\": \"Starting\"}")
                .backendState()).isEqualTo("Starting");

        assertThatThrownBy(() -> TailscaleStatus.parse("access denied\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("access denied");
        assertThatThrownBy(() -> TailscaleStatus.parse("{\"BackendState\": "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    }
}
