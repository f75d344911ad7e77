package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.release.GitRepository;
import io.github.mikrotiktailscale.release.ReleaseVersion;
import io.github.mikrotiktailscale.release.TagDecision;
import io.github.mikrotiktailscale.release.TagMode;
import io.github.mikrotiktailscale.release.TagPlanner;

/** The tag decision as the tag and release goals share it. */
final class ReleaseSteps {

    private ReleaseSteps() {}

    static TagDecision decideTag(GitRepository git, String tailscaleVersion, TagMode mode)
            throws ConfigurationException, EnvironmentException {
        var head = git.head();
        return TagPlanner.plan(TagMojo.pinned(tailscaleVersion), git.tags(), head, git.changes(), mode);
    }

    /** As {@link #decideTag}, but uncommitted changes are only reported: for plans that change nothing. */
    static TagDecision decideTagIgnoringChanges(GitRepository git, String tailscaleVersion, TagMode mode,
            java.util.function.Consumer<String> warn) throws ConfigurationException, EnvironmentException {
        var changes = git.changes();
        if (!changes.isEmpty()) {
            warn.accept("The work tree has " + changes.size() + " uncommitted change(s): a real release would refuse"
                    + " to start. Commit or stash them first.");
        }
        return TagPlanner.plan(TagMojo.pinned(tailscaleVersion), git.tags(), git.head(), java.util.List.of(), mode);
    }

    static String tagMessage(ReleaseVersion version) {
        return "Release " + version + ": Tailscale " + version.tailscale() + ", revision " + version.revision();
    }
}
