package io.github.mikrotiktailscale.archive;

import java.util.ArrayList;
import java.util.List;

/** What lies behind one row of the table: why stored differs from extracted, duplicates, checks. */
public final class SizeFindings {

    private SizeFindings() {}

    /** Lines about one image, for the log and the Markdown report. */
    public static List<String> lines(ImageSize image) {
        var lines = new ArrayList<String>();
        var extracted = image.extracted();
        lines.add(image.platform() + ": " + count(extracted.files(), "file") + " (" + extracted.bytes() + " bytes), "
                + count(extracted.symlinks(), "symlink") + ", " + count(extracted.hardLinks(), "hard link") + ", "
                + count(extracted.directories(), "directory") + " in " + count(image.layers().size(), "layer")
                + "; stored " + image.storedBytes() + " bytes in " + count(image.storedFiles(), "file") + " ("
                + ByteSize.formatChange(image.storedOverExtracted()) + " over extracted"
                + (image.removedBytes() > 0 ? ", " + ByteSize.format(image.removedBytes()) + " of it deleted by later layers"
                        : "") + ")");
        lines.add("  transfer " + image.transfer().bytes() + " bytes: " + image.transfer().note());
        for (var duplicate : image.duplicates()) {
            lines.add("  duplicate: " + duplicate.describe());
        }
        for (var identical : image.identicalContent()) {
            lines.add("  identical content: " + identical.describe());
        }
        if (!image.checksSkipped().isEmpty()) {
            lines.add("  checks skipped: " + image.checksSkipped());
        } else {
            long passed = image.checks().stream().filter(CheckResult::passed).count();
            lines.add("  checks: " + passed + " of " + image.checks().size() + " passed");
            image.checks().stream().filter(c -> !c.passed()).forEach(c -> lines.add("    " + c.describe()));
        }
        return lines;
    }

    private static String count(long n, String noun) {
        if (n == 1) {
            return "1 " + noun;
        }
        return n + " " + (noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
    }
}
