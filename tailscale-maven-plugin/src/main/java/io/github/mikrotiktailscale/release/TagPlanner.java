package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.feature.TailscaleVersion;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Decides the release tag from the pinned Tailscale version and the repository's tags. A pure
 * function: the git work happens elsewhere.
 */
public final class TagPlanner {

    /** The element messages name: the project's release state rather than one pom element. */
    static final String ELEMENT = "release";

    private TagPlanner() {}

    /**
     * @param pinned the Tailscale version the image project pins
     * @param tags every tag of the repository with the commit it points at
     * @param head the commit HEAD points at
     * @param changes uncommitted changes ({@code git status --porcelain} lines)
     */
    public static TagDecision plan(TailscaleVersion pinned, Map<String, String> tags, String head,
            List<String> changes, TagMode mode) throws ConfigurationException {
        if (!changes.isEmpty()) {
            throw refuse("the work tree has uncommitted changes (" + String.join(", ", changes.stream().limit(5)
                            .map(String::trim).toList()) + (changes.size() > 5 ? ", ..." : "")
                            + "): a release must be exactly a commit.",
                    "Commit or stash them, then release again.");
        }
        var releases = tags.entrySet().stream()
                .flatMap(e -> ReleaseVersion.parse(e.getKey()).map(v -> Map.entry(v, e.getValue())).stream())
                .toList();
        var onHead = releases.stream().filter(e -> e.getValue().equals(head)).map(Map.Entry::getKey)
                .max(Comparator.naturalOrder());
        if (onHead.isPresent()) {
            var tag = onHead.get();
            if (!tag.tailscale().equals(pinned)) {
                throw refuse("HEAD is already released as " + tag + ", but the pom pins Tailscale " + pinned + ".",
                        "Commit the change of the Tailscale version first; a commit is released under one version only.");
            }
            return switch (mode) {
                case DEFAULT -> new TagDecision.Reuse(tag);
                case AUTOMATIC -> new TagDecision.Skip("HEAD is already released as " + tag + ".");
                case NEXT_REVISION -> throw refuse("HEAD is already released as " + tag + ".",
                        "A new revision needs a new commit: commit the fix, then run with -Dtailscale.revision=next.");
            };
        }
        var latestOfPinned = releases.stream().map(Map.Entry::getKey).filter(v -> v.tailscale().equals(pinned))
                .max(Comparator.naturalOrder());
        if (latestOfPinned.isEmpty()) {
            var newest = releases.stream().map(Map.Entry::getKey).max(Comparator.naturalOrder());
            if (mode == TagMode.AUTOMATIC && newest.isPresent() && newest.get().tailscale().compareTo(pinned) > 0) {
                return new TagDecision.Skip("Tailscale " + pinned + " is older than the released " + newest.get()
                        + ": not tagging automatically.");
            }
            return new TagDecision.Create(ReleaseVersion.first(pinned));
        }
        var latest = latestOfPinned.get();
        return switch (mode) {
            case NEXT_REVISION -> new TagDecision.Create(latest.next());
            case AUTOMATIC -> new TagDecision.Skip("Tailscale " + pinned + " is already released (latest: " + latest
                    + "); automatic tagging only creates mt.1.");
            case DEFAULT -> throw refuse(latest + " already exists on another commit.",
                    "To release this commit as " + latest.next() + ", run with -Dtailscale.revision=next.");
        };
    }

    private static ConfigurationException refuse(String message, String suggestion) {
        return new ConfigurationException(new Problem(ELEMENT, message, suggestion));
    }
}
