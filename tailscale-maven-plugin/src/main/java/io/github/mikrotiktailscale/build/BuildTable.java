package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.archive.ByteSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run of the build goal did, and its closing table: platform, seconds, archive size, image
 * id, and the wall time of the whole run (parallel builds overlap, so it is not their sum).
 */
public record BuildTable(List<PlatformBuild> builds, double wallSeconds) {

    public BuildTable {
        builds = List.copyOf(builds);
    }

    public List<String> render() {
        var lines = new ArrayList<String>();
        lines.add(String.format(Locale.ROOT, "%-14s %10s %12s  %s", "platform", "seconds", "archive", "image"));
        for (var b : builds) {
            lines.add(String.format(Locale.ROOT, "%-14s %10s %12s  %s", b.platform().dockerName(),
                    b.upToDate() ? "up to date" : String.format(Locale.ROOT, "%.1f", b.buildSeconds()),
                    ByteSize.format(b.archiveBytes()), b.imageId().length() > 19 ? b.imageId().substring(0, 19) : b.imageId()));
        }
        // the goal's own clock, not a sum: parallel builds overlap
        lines.add(String.format(Locale.ROOT, "%-14s %10.1f", "total (wall)", wallSeconds));
        return lines;
    }
}
