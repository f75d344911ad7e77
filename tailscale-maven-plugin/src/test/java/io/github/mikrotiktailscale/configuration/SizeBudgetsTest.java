package io.github.mikrotiktailscale.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.archive.SizeBudget;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the verify-size parameters become budgets. */
class SizeBudgetsTest {

    private static Map<String, String> noProperties() {
        return Map.of("amd64", "", "arm64", "", "armv7", "");
    }

    @Test
    void withoutParametersTheDefaultsApply() throws Exception {
        var budgets = new SizeBudgets(Map.of(), null, noProperties()).resolve();

        assertThat(budgets).containsEntry("arm64", new SizeBudget("arm64", 4_000_000, "default"))
                .containsEntry("armv7", new SizeBudget("armv7", 4_000_000, "default"))
                .containsEntry("amd64", new SizeBudget("amd64", 4_600_000, "default"));
    }

    @Test
    void thePlatformsPropertyBeatsTheMapWhichBeatsTheSingleBudget() throws Exception {
        var budgets = new SizeBudgets(Map.of("arm64", "3900kB", "armv7", "4MiB"), "5MB",
                Map.of("amd64", "", "arm64", "4194304", "armv7", "")).resolve();

        assertThat(budgets).containsEntry("arm64", new SizeBudget("arm64", 4_194_304, "tailscale.budget.arm64"))
                .containsEntry("armv7", new SizeBudget("armv7", 4_194_304, "budgets/armv7"))
                .containsEntry("amd64", new SizeBudget("amd64", 5_000_000, "budget"));
    }

    @Test
    void aBadSizeOrAnUnknownPlatformNamesTheElement() {
        assertThatThrownBy(() -> new SizeBudgets(Map.of("arm32", "4MB"), "four megabytes",
                Map.of("amd64", "", "arm64", "4 parsecs", "armv7", "")).resolve())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("<budgets>: there is no platform 'arm32'.")
                .hasMessageContaining("Name platforms by their short names: amd64, arm64, armv7, armv5.")
                .hasMessageContaining("<budget>: 'four megabytes' is not a size.")
                .hasMessageContaining("<budgetArm64 (tailscale.budget.arm64)>: '4 parsecs' is not a size.")
                .hasMessageContaining("3900kB, 4.0MB");
    }
}
