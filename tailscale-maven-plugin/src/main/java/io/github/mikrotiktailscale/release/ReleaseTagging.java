package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.feature.TailscaleVersion;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.problem.Problem;
import io.github.mikrotiktailscale.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The tag goal, and the tag decision the release goal shares with it: which {@code v<tailscale>-mt.<N>}
 * this run is about, creating it on HEAD, recording it for pipelines and pushing it, or, in a dry
 * run, saying each of those and doing none.
 */
public final class ReleaseTagging {

    /**
     * @param tagFile where the decided tag is written for pipelines
     */
    public record Request(String tailscaleVersion, TagMode mode, boolean push, String remote, boolean dryRun,
            Path tagFile) {}

    private final GitRepository git;
    private final Progress progress;

    public ReleaseTagging(GitRepository git, Progress progress) {
        this.git = git;
        this.progress = progress;
    }

    /** Runs the tag goal; returns the release it tagged or reused, empty when there is nothing to release. */
    public Optional<ReleaseVersion> tag(Request request) throws ConfigurationException, EnvironmentException {
        var decision = request.dryRun() ? decideIgnoringChanges(request.tailscaleVersion(), request.mode())
                : decide(request.tailscaleVersion(), request.mode());
        if (decision instanceof TagDecision.Skip skip) {
            progress.info("No release tag: " + skip.reason());
            return Optional.empty();
        }
        var version = decision.release().orElseThrow();
        var head = git.head().substring(0, 12);
        var would = request.dryRun() ? "Dry run (tailscale.dryRun), nothing changes: would " : "";
        if (decision instanceof TagDecision.Create) {
            if (!request.dryRun()) {
                git.createAnnotatedTag(version.tag(), message(version));
            }
            progress.info(request.dryRun() ? would + "create the annotated tag " + version + " on " + head
                    : "Created tag " + version + " on " + head);
        } else {
            progress.info(request.dryRun() ? would + "use the tag " + version + " HEAD (" + head + ") already has"
                    : "HEAD is already tagged " + version + "; using it.");
        }
        if (request.dryRun()) {
            progress.info("Would write " + version + " to " + request.tagFile());
        } else {
            record(request.tagFile(), version.tag());
        }
        if (request.push()) {
            if (request.dryRun()) {
                progress.info("Would push the tag " + version + " to " + request.remote());
            } else {
                git.pushTag(request.remote(), version.tag());
                progress.info("Pushed " + version + " to " + request.remote());
            }
        }
        return Optional.of(version);
    }

    /** The tag this run is about; uncommitted changes refuse a release. */
    public TagDecision decide(String tailscaleVersion, TagMode mode) throws ConfigurationException, EnvironmentException {
        var head = git.head();
        return TagPlanner.plan(pinned(tailscaleVersion), git.tags(), head, git.changes(), mode);
    }

    /** As {@link #decide}, but uncommitted changes are only reported: for plans that change nothing. */
    public TagDecision decideIgnoringChanges(String tailscaleVersion, TagMode mode)
            throws ConfigurationException, EnvironmentException {
        var changes = git.changes();
        if (!changes.isEmpty()) {
            progress.warn("The work tree has " + changes.size() + " uncommitted change(s): a real release would refuse"
                    + " to start. Commit or stash them first.");
        }
        return TagPlanner.plan(pinned(tailscaleVersion), git.tags(), git.head(), List.of(), mode);
    }

    public static String message(ReleaseVersion version) {
        return "Release " + version + ": Tailscale " + version.tailscale() + ", revision " + version.revision();
    }

    static TailscaleVersion pinned(String version) throws ConfigurationException {
        return TailscaleVersion.parse(version).orElseThrow(() -> new ConfigurationException(new Problem(
                "tailscaleVersion", "'" + version + "' is not a Tailscale release version.",
                "Give a release tag such as v1.98.3.")));
    }

    private static void record(Path file, String tag) throws EnvironmentException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, tag + "\n");
        } catch (IOException e) {
            throw new EnvironmentException("Cannot write " + file + ": " + e.getMessage(),
                    "Check that the build directory is writable and the disk has room.", e);
        }
    }
}
