package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SymptomTest {

    @Test
    void withoutTheFeatureListTheCauseIsALikelyOne() {
        assertThat(Symptom.ACCESS_DENIED.cause(Optional.empty()))
                .startsWith("access denied -> unixsocketidentity is likely omitted: the daemon cannot tell");
    }

    @Test
    void withTheFeatureListItNamesWhatIsReallyMissing() {
        var image = Optional.of(Set.of("dns", "cli", "ipnbus"));

        assertThat(Symptom.ACCESS_DENIED.cause(image)).startsWith("access denied -> unixsocketidentity is omitted:");
        assertThat(Symptom.NO_MAGICDNS.cause(image)).startsWith("no answer from 100.100.100.100 -> netstack is omitted:");
        assertThat(Symptom.UP_DOES_NOT_WAIT.cause(image)).contains("(the image has ipnbus, so look at the log)");
    }

    @Test
    void symptomsOfTheImageItselfNameNoFeature() {
        assertThat(Symptom.NO_FORWARDING.cause(Optional.of(Set.of()))).startsWith("forwarding is off -> the entrypoint");
        assertThat(Symptom.NO_FORWARDING.features()).isEmpty();
    }

    @Test
    void theFeaturesNamedAreTheOnesTheRouterRulesKnow() {
        assertThat(Symptom.UP_DOES_NOT_WAIT.features()).containsExactly("ipnbus");
        assertThat(Symptom.NETMAP_UNREADABLE.features()).containsExactly("tailnetlock");
        assertThat(Symptom.NO_EXIT_NODE_DNS.features()).containsExactly("peerapiserver");
        assertThat(Symptom.VERBOSE_LOG.features()).containsExactly("logtail");
        assertThat(Symptom.EXIT_NODE_CRASH.features()).containsExactly("netstack");
    }
}
