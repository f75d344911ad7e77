package io.github.mikrotiktailscale.configuration;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Each goal's own skip property, beside {@code tailscale.skip} for all of them: one goal of the
 * lifecycle can be left out ({@code mvn verify -Dtailscale.smoke.skip}) without chaining goals by hand.
 */
public final class GoalSkips {

    public static final String ALL = "tailscale.skip";
    public static final String GENERATE = "tailscale.generate.skip";
    public static final String BUILD = "tailscale.build.skip";
    public static final String VERIFY_SIZE = "tailscale.verifySize.skip";
    public static final String SMOKE = "tailscale.smoke.skip";
    public static final String TAG = "tailscale.tag.skip";
    public static final String PUBLISH = "tailscale.publish.skip";

    /** The goals a release runs, by name, and what skips each. */
    private static final Map<String, String> RELEASE_STEPS = Map.of("generate", GENERATE, "build", BUILD,
            "verify-size", VERIFY_SIZE, "smoke", SMOKE, "publish", PUBLISH);

    private GoalSkips() {}

    /**
     * A release must not quietly leave out a step it lists: what was not checked would be published.
     *
     * @param set whether a property is set to true for this run
     */
    public static void refuseInRelease(List<String> steps, Predicate<String> set) throws ConfigurationException {
        var all = new java.util.ArrayList<>(steps);
        all.add("publish");
        for (var step : all) {
            var property = RELEASE_STEPS.get(step);
            if (property != null && set.test(property)) {
                throw new ConfigurationException(new Problem("releaseSteps", "-D" + property + " would skip the "
                        + step + " step of the release.", "publish".equals(step)
                                ? "A release publishes; to stop before that, use -Dtailscale.dryRun."
                                : "Leave it out of the release on purpose instead: -Dtailscale.releaseSteps="
                                        + String.join(",", steps.stream().filter(s -> !s.equals(step)).toList())
                                        + " (build is required)."));
            }
        }
    }
}
