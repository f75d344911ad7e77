package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetstackFreeChecksTest {

    @Test
    void theRouterAsksForBothFamiliesOverBothTransportsAndAForwardedName() {
        var b = new TailscaleStatus.Node("n2", "key", "node-b", "node-b.smoke.test.", List.of("100.64.0.2",
                "fd7a:115c:a1e0::2"), List.of(), false, false, true);

        assertThat(MagicDnsChecks.questions(b)).extracting(q -> q.type() + (q.tcp() ? "/tcp " : "/udp ") + q.name()
                + " -> " + q.expected()).containsExactly(
                        "A/udp node-b.smoke.test -> 100.64.0.2",
                        "AAAA/udp node-b.smoke.test -> fd7a:115c:a1e0::2",
                        "A/tcp node-b.smoke.test -> 100.64.0.2",
                        "AAAA/tcp node-b.smoke.test -> fd7a:115c:a1e0::2",
                        "A/udp secret.behind-a.test -> 198.51.100.10");
    }

    @Test
    void aConnectionOutcomeIsReadFromTheHarness() {
        var refused = HarnessOutput.connection(List.of(
                "{\"event\":\"connected\",\"to\":\"100.64.0.1:4799\",\"ms\":1.25,\"outcome\":\"refused\"}"));
        assertThat(refused.outcome()).isEqualTo("refused");
        assertThat(refused.describe()).isEqualTo("100.64.0.1:4799: refused after 1.3 ms");

        assertThat(HarnessOutput.connection(List.of("exec failed")).outcome()).isEqualTo("error");
    }

    @Test
    void aPanicWithoutNetstackPointsAtTheMissingPatch() {
        assertThat(Symptom.INJECT_PANIC.cause(java.util.Optional.of(java.util.Set.of("cli"))))
                .contains("netstack is omitted", "unless a patch provides raw-inject");
    }
}
