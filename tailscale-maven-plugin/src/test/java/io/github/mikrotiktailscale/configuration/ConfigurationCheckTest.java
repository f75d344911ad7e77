package io.github.mikrotiktailscale.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The configuration as a whole, as every goal checks it before doing anything. */
class ConfigurationCheckTest {

    private static final Set<String> KNOWN = Set.of("tailscale.platforms", "tailscale.smoke.skip",
            "tailscale.rollbackStable", "tailscale.dryRun");

    @Test
    void aSoundConfigurationPasses() throws Exception {
        var warnings = ConfigurationCheck.check(Map.of("platforms", "amd64,linux/arm/v7", "tailscaleVersion", "v1.98.3",
                "source", "git", "trustStore", "bakedroots", "revision", "next", "releaseSteps", "generate,build",
                "windowSeconds", "30", "budgets/arm64", "4MB", "budgetArmv7", "3.9MB"), KNOWN, Set.of("tailscale.dryRun"));

        assertThat(warnings).isEmpty();
    }

    @Test
    void aPlatformNoGoalCanBuildFailsWhicheverGoalRuns() {
        assertThatThrownBy(() -> ConfigurationCheck.check(Map.of("platforms", "linux/mips"), KNOWN, Set.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("<platforms>: 'linux/mips' cannot be built")
                .hasMessageContaining("Supported platforms: amd64 (linux/amd64)");
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> ConfigurationCheck.check(Map.of("tailscaleVersion", "1.98", "source", "svn",
                "trustStore", "none", "revision", "3", "releaseSteps", "build,deploy", "windowSeconds", "5",
                "budgets/arm32", "4MB", "budget", "big"), KNOWN, Set.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("8 configuration problems")
                .hasMessageContaining("<tailscaleVersion>: '1.98' is not a Tailscale release version.")
                .hasMessageContaining("<source>: 'svn' is not a source.").hasMessageContaining("goproxy")
                .hasMessageContaining("<trustStore>: 'none' is not a trust store.").hasMessageContaining("bakedroots")
                .hasMessageContaining("<revision>: '3' is not a revision choice.")
                .hasMessageContaining("<releaseSteps>: unknown steps [deploy].")
                .hasMessageContaining("<windowSeconds>: '5' s is too short")
                .hasMessageContaining("<budgets>: there is no platform 'arm32'.")
                .hasMessageContaining("<budget>: 'big' is not a size.");
    }

    @Test
    void autoTagAndNextRevisionContradictEachOther() {
        assertThatThrownBy(() -> ConfigurationCheck.check(Map.of("revision", "next", "autoTag", "true"), KNOWN, Set.of()))
                .hasMessageContaining("<autoTag>: automatic tagging never creates mt.2 or later");
    }

    @Test
    void aMisspelledPropertyIsNamedWithTheNearestRealOne() throws Exception {
        var warnings = ConfigurationCheck.check(Map.of(), KNOWN, Set.of("tailscale.smoke.skp", "tailscale.dryRun",
                "maven.repo.local", "tailscale.nothingLikeAnything"));

        assertThat(warnings).containsExactly(
                "-Dtailscale.nothingLikeAnything is not a property of tailscale-maven-plugin and changes nothing."
                        + " docs/CONFIGURATION.md lists them all.",
                "-Dtailscale.smoke.skp is not a property of tailscale-maven-plugin and changes nothing; did you mean"
                        + " tailscale.smoke.skip? docs/CONFIGURATION.md lists them all.");
    }

    @Test
    void aReleaseRefusesToSkipAStepItLists() {
        assertThatThrownBy(() -> GoalSkips.refuseInRelease(List.of("generate", "build", "verify-size", "smoke"),
                GoalSkips.SMOKE::equals))
                .hasMessageContaining("<releaseSteps>: -Dtailscale.smoke.skip would skip the smoke step of the release.")
                .hasMessageContaining("-Dtailscale.releaseSteps=generate,build,verify-size (build is required)");
    }
}
