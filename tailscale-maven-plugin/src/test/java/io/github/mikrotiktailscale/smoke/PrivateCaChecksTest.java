package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.dockerfile.DockerfileRenderer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrivateCaChecksTest {

    private static final Optional<Set<String>> BAKED = Optional.of(Set.of("cli", "health", "bakedroots"));

    @Test
    void theCaComesFromTheControlServersReadyEvent() {
        var log = List.of("2026/11/29 STUN server listening on 10.98.0.1:3478",
                "{\"event\":\"ready\",\"controlURL\":\"http://10.98.0.1:8080\",\"privateCAControlURL\":"
                        + "\"https://10.98.0.1:8444\",\"privateCAPEM\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n"
                        + "-----END CERTIFICATE-----\\n\"}");

        assertThat(PrivateCaChecks.caPem(log)).isEqualTo("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        assertThat(PrivateCaChecks.caPem(List.of("{\"event\":\"ready\",\"controlURL\":\"http://10.98.0.1:8080\"}")))
                .isEmpty();
    }

    @Test
    void theNodesLogInToTheHttpsServerWithTheKey() {
        assertThat(PrivateCaChecks.environment("node-ca1")).containsEntry("TS_LOGIN_SERVER", "https://10.98.0.1:8444")
                .containsEntry("TS_AUTHKEY", Tailnet.AUTH_KEY).containsEntry("TS_HOSTNAME", "node-ca1");
    }

    @Test
    void theCheckLooksForTheLineTheEntrypointPrints() throws Exception {
        try (var in = DockerfileRenderer.class.getResourceAsStream("entrypoint.sh")) {
            var entrypoint = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(entrypoint).contains("echo \"" + PrivateCaChecks.HINT, PrivateCaChecks.REMEDY);
        }
    }

    @Test
    void withoutTheCaTheNodeMustStayOutAndTheLogMustSayWhy() {
        var pass = PrivateCaChecks.withoutCa(true, false, "", PrivateCaChecks.trustStore(BAKED), BAKED);
        assertThat(pass.passed()).isTrue();
        assertThat(pass.detail()).startsWith("image with Let's Encrypt roots only (bakedroots): not logged in");

        var silent = PrivateCaChecks.withoutCa(false, false, "control: doLogin", "image with the CA bundle", BAKED);
        assertThat(silent.passed()).isFalse();
        assertThat(silent.detail()).contains("no hint in the log: control: doLogin");

        var noHealth = PrivateCaChecks.withoutCa(false, false, "", "", Optional.of(Set.of("cli")));
        assertThat(noHealth.cause()).startsWith("health is omitted");

        var trustsTooMuch = PrivateCaChecks.withoutCa(true, true, "", "image with the CA bundle", BAKED);
        assertThat(trustsTooMuch.passed()).isFalse();
        assertThat(trustsTooMuch.cause()).contains("trusts more than it should");
    }

    @Test
    void withTheCaMountedTheNodeMustJoinAndSaySo() {
        assertThat(PrivateCaChecks.withCa(true, true, "").passed()).isTrue();
        assertThat(PrivateCaChecks.withCa(false, true, "").passed()).isFalse();
        var failed = PrivateCaChecks.withCa(false, false, "x509: certificate signed by unknown authority");
        assertThat(failed.detail()).contains("not running", "unknown authority");
        assertThat(failed.cause()).contains("/etc/ssl/certs");
    }

    @Test
    void theTrustStoreIsReadFromTheFeatures() {
        assertThat(PrivateCaChecks.trustStore(Optional.of(Set.of("cli")))).isEqualTo("image with the CA bundle");
        assertThat(PrivateCaChecks.trustStore(Optional.empty())).isEqualTo("image of unknown trust store");
    }
}
