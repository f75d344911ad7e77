package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import java.util.List;

/** The goals a release runs before it tags anything: a subset of {@link #KNOWN}, build always among them. */
public final class ReleaseStepList {

    public static final List<String> KNOWN = List.of("generate", "build", "verify-size", "smoke");

    private ReleaseStepList() {}

    public static List<String> parse(List<String> given) throws ConfigurationException {
        var steps = given.stream().flatMap(s -> List.of(s.split(",")).stream()).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        var unknown = steps.stream().filter(s -> !KNOWN.contains(s)).toList();
        if (!unknown.isEmpty() || !steps.contains("build")) {
            throw new ConfigurationException(new Problem("releaseSteps",
                    unknown.isEmpty() ? "a release must build its images." : "unknown steps " + unknown + ".",
                    "Use some of " + KNOWN + " in that order; build is required."));
        }
        return steps;
    }
}
