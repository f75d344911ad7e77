package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.archive.ByteSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The closing table of a build: platform, seconds, archive size, image id. */
public final class BuildTable {

    private BuildTable() {}

    public static List<String> render(List<PlatformBuild> builds) {
        var lines = new ArrayList<String>();
        lines.add(String.format(Locale.ROOT, "%-14s %10s %12s  %s", "platform", "seconds", "archive", "image"));
        double total = 0;
        for (var b : builds) {
            total += b.buildSeconds();
            lines.add(String.format(Locale.ROOT, "%-14s %10s %12s  %s", b.platform().dockerName(),
                    b.upToDate() ? "up to date" : String.format(Locale.ROOT, "%.1f", b.buildSeconds()),
                    ByteSize.format(b.archiveBytes()), b.imageId().length() > 19 ? b.imageId().substring(0, 19) : b.imageId()));
        }
        lines.add(String.format(Locale.ROOT, "%-14s %10.1f", "total", total));
        return lines;
    }
}
