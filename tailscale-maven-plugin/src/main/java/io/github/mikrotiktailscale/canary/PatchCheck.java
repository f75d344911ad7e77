package io.github.mikrotiktailscale.canary;

import io.github.mikrotiktailscale.image.SourceFile;
import io.github.mikrotiktailscale.image.SourcePatch;
import io.github.mikrotiktailscale.process.ProcessLimit;
import io.github.mikrotiktailscale.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The project's source changes against the release's own source (the module zip, unpacked):
 * {@code git apply --check} of every patch, naming the hunk that no longer applies, and whether
 * the directory each added file goes into still exists. Whether an added file still compiles
 * only the build can tell ({@link BuildResults} names its compiler line).
 */
public final class PatchCheck {

    private static final Pattern FAILED_AT = Pattern.compile("error: patch failed: (\\S+):(\\d+)");
    private static final Pattern MISSING = Pattern.compile("error: (\\S+): (?:No such file or directory|does not exist in index)");

    private PatchCheck() {}

    /** @param source the release's source tree */
    public static List<Break> check(Path source, String version, List<SourcePatch> patches, List<SourceFile> files)
            throws InterruptedException {
        var breaks = new ArrayList<Break>();
        for (var patch : patches) {
            applyCheck(source, version, patch).ifPresent(breaks::add);
        }
        for (var file : files) {
            var target = Path.of(file.target());
            var directory = target.getParent();
            if (directory != null && !Files.isDirectory(source.resolve(directory.toString()))) {
                breaks.add(Break.blocking(BreakKind.SOURCE_FILE, file.file().getFileName() + " -> " + file.target(),
                        "Tailscale " + version + " has no directory " + directory + " to add it to",
                        "find where the code moved in " + version + " and change the file's <target>"));
            }
        }
        return breaks;
    }

    private static java.util.Optional<Break> applyCheck(Path source, String version, SourcePatch patch)
            throws InterruptedException {
        var output = new StringBuilder();
        int exit;
        try {
            exit = ProcessRunner.run(List.of("git", "apply", "--check", "-v", patch.file().toAbsolutePath().toString()),
                    source, Map.of("GIT_CEILING_DIRECTORIES", source.getParent().toString()), null,
                    ProcessLimit.total(Duration.ofMinutes(1)), l -> output.append(l).append('\n'), null);
        } catch (IOException e) {
            return java.util.Optional.of(Break.of(BreakKind.UNCHECKED, "patch " + patch.fileName(),
                    "cannot run git apply --check: " + e.getMessage(), "install git"));
        }
        if (exit == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Break.blocking(BreakKind.PATCH, "patch " + patch.fileName() + ", " + where(patch, output),
                "git apply --check against Tailscale " + version + ": " + lastErrors(output),
                "refresh the patch against " + version + " (it is there because: " + patch.reason()
                        + "), or drop it from <patches> if the fix is upstream"));
    }

    /** The file and hunk git names, with the hunk's header from the patch. */
    static String where(SourcePatch patch, CharSequence gitOutput) {
        var failed = FAILED_AT.matcher(gitOutput);
        if (failed.find()) {
            var file = failed.group(1);
            int line = Integer.parseInt(failed.group(2));
            return file + " " + Hunks.describe(patch.file(), file, line);
        }
        var missing = MISSING.matcher(gitOutput);
        if (missing.find()) {
            return missing.group(1) + " (the file is gone)";
        }
        return "(git named no hunk)";
    }

    private static String lastErrors(CharSequence output) {
        return output.toString().lines().filter(l -> l.startsWith("error:")).reduce((a, b) -> a + "; " + b)
                .orElse(output.toString().strip());
    }
}
