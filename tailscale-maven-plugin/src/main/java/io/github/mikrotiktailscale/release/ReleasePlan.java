package io.github.mikrotiktailscale.release;

import java.util.ArrayList;
import java.util.List;

/**
 * What a release would do, as the dry run prints it: the steps before the tag, the tag, the
 * publication and the push.
 *
 * @param image where the release is published ({@code registry/namespace/name}), or empty
 * @param imagesBuilt whether images of this release are already built (the publish step can then
 *     show every push itself)
 */
public record ReleasePlan(ReleaseVersion release, boolean createTag, List<String> steps, String image,
        boolean imagesBuilt, boolean pushTag, String remote) {

    public ReleasePlan {
        steps = List.copyOf(steps);
        image = image == null ? "" : image.trim();
    }

    /** The lines before the publish step; {@link #afterPublish} follows it. */
    public List<String> beforePublish() {
        var lines = new ArrayList<String>();
        lines.add("Would build amd64, arm64 and armv7 (tailscale:build), labelled " + release);
        if (steps.contains("verify-size")) {
            lines.add("Would check their sizes against the budgets (tailscale:verify-size)");
        }
        if (steps.contains("smoke")) {
            lines.add("Would run them and form a tailnet of two on loopback (tailscale:smoke)");
        }
        lines.add(createTag ? "Would create the annotated tag " + release + " on HEAD"
                : "Would use the existing tag " + release);
        if (!imagesBuilt) {
            lines.add("Would publish the three images as one manifest list " + image + ":" + release
                    + ", check it from the registry, then point " + image + ":stable at it (digests are known once"
                    + " built; build with -Dtailscale.imageVersion=" + release + " to see every push)");
        }
        return lines;
    }

    public List<String> afterPublish() {
        return pushTag ? List.of("Would push the tag " + release + " to " + remote) : List.of();
    }
}
