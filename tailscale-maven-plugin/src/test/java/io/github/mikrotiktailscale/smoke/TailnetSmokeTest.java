package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TailnetSmokeTest {

    @Test
    void theLoginUrlIsReadFromWhatTailscaleUpPrints() {
        var log = """
                entrypoint: logging in with the TS_* settings

                To authenticate, visit:

                \thttp://10.98.0.1:8081/auth/e830013c8a09714874df

                """;

        assertThat(TailnetSmoke.loginUrl(log)).isEqualTo("http://10.98.0.1:8081/auth/e830013c8a09714874df");
        assertThat(TailnetSmoke.loginUrl("binary built with ts_omit_ipnbus; not waiting for completion")).isEmpty();
    }
}
