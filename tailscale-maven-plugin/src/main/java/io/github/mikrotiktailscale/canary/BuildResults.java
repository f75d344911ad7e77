package io.github.mikrotiktailscale.canary;

import io.github.mikrotiktailscale.image.SourceFile;
import io.github.mikrotiktailscale.image.SourcePatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Names what broke in the canary's real build, from what the build goals leave behind: the
 * per-platform build logs ({@code logs/<platform>.log}), {@code size-report.json} and
 * {@code smoke-report.json}. The same break on several platforms is reported once.
 */
public final class BuildResults {

    /** BuildKit's step prefix, "#12 3.456 ". */
    private static final Pattern STEP = Pattern.compile("^#\\d+ (?:\\d+\\.\\d+ )?");
    private static final Pattern PATCH = Pattern.compile("error: patch (\\S+) no longer applies");
    private static final Pattern PATCH_AT = Pattern.compile("error: patch failed: (\\S+):(\\d+)");
    private static final Pattern COMPILER = Pattern.compile("^(?:\\./)?(\\S+\\.go):(\\d+):(\\d+): (.+)$");
    private static final Pattern NO_FEATURE = Pattern.compile("has no feature:\\s*(.+)$");
    private static final Pattern REQUIRES_GO = Pattern.compile("(?:requires go >= ?|needs Go )v?(\\d+\\.\\d+(?:\\.\\d+)?)");
    private static final Pattern REFUSED = Pattern.compile("(\\S+)@(v\\S+?): (?:reading|verifying) \\S+: (403|404|410)[^\\n]*");
    private static final Pattern FEATURES_DIFFER = Pattern.compile("would (enter|leave) the image:\\s*(.+)$");

    private BuildResults() {}

    /** @param buildExit the exit code of the build (generate, build, verify-size, smoke) */
    public static List<Break> classify(Path imagesDirectory, int buildExit, List<SourcePatch> patches,
            List<SourceFile> sourceFiles) throws IOException {
        var found = new LinkedHashMap<String, Found>();
        var logs = imagesDirectory.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (var list = Files.list(logs)) {
                for (var log : list.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                    var platform = log.getFileName().toString().replaceAll("\\.log$", "");
                    fromLog(Files.readAllLines(log, StandardCharsets.UTF_8), patches, sourceFiles)
                            .forEach(b -> found.computeIfAbsent(b.kind() + b.subject() + b.detail(), k -> new Found(b))
                                    .platforms.add(platform));
                }
            }
        }
        var breaks = new ArrayList<Break>();
        for (var f : found.values()) {
            var b = f.first;
            breaks.add(new Break(b.kind(), b.subject(), b.detail() + " (" + String.join(", ", f.platforms) + ")",
                    b.fix(), false));
        }
        breaks.addAll(ReportReader.budgets(imagesDirectory.resolve("size-report.json")));
        breaks.addAll(ReportReader.smoke(imagesDirectory.resolve("smoke-report.json")));
        if (buildExit != 0 && breaks.isEmpty()) {
            breaks.add(Break.of(BreakKind.BUILD, "exit " + buildExit,
                    "the build failed, and neither its logs in " + logs + " nor the size or smoke report name why",
                    "read the Maven output of the canary's build step"));
        }
        return breaks;
    }

    static List<Break> fromLog(List<String> lines, List<SourcePatch> patches, List<SourceFile> sourceFiles) {
        var breaks = new ArrayList<Break>();
        String patch = null;
        int compilerLines = 0;
        for (var raw : lines) {
            var line = STEP.matcher(raw).replaceFirst("").strip();
            var m = PATCH.matcher(line);
            if (m.find()) {
                patch = m.group(1);
                continue;
            }
            if (patch != null && (m = PATCH_AT.matcher(line)).find()) {
                var name = patch;
                var file = m.group(1);
                int at = Integer.parseInt(m.group(2));
                var hunk = patches.stream().filter(p -> p.fileName().equals(name)).findFirst()
                        .map(p -> Hunks.describe(p.file(), file, at)).orElse("line " + at);
                breaks.add(Break.of(BreakKind.PATCH, "patch " + name + ", " + file + " " + hunk, line,
                        "refresh the patch against the new release, or drop it if the fix is upstream"));
                patch = null;
            } else if ((m = COMPILER.matcher(line)).matches() && compilerLines++ < 5) {
                var path = m.group(1);
                var added = sourceFiles.stream().filter(f -> path.endsWith(f.target())).findFirst();
                breaks.add(added.isPresent()
                        ? Break.of(BreakKind.SOURCE_FILE, added.get().file().getFileName() + " -> " + added.get().target(),
                                "no longer compiles: " + line, "adapt it to the new release's API")
                        : Break.of(BreakKind.COMPILE, path + ":" + m.group(2), line,
                                "a patch applied but its result no longer compiles, or Tailscale needs another Go"));
            } else if ((m = NO_FEATURE.matcher(line)).find()) {
                breaks.add(Break.of(BreakKind.FEATURE_GONE, m.group(1).trim(), line,
                        "the release's featuretags lacks these: rename or drop them in <features>"));
            } else if ((m = REQUIRES_GO.matcher(line)).find()) {
                breaks.add(Break.of(BreakKind.GO_VERSION, "Go " + m.group(1), line,
                        "build with Go " + m.group(1) + " or newer"));
            } else if ((m = REFUSED.matcher(line)).find()) {
                breaks.add(Break.of(BreakKind.REFUSED_MODULE, m.group(1) + "@" + m.group(2), m.group(0),
                        "the proxy refuses this module version: wait for a release that pins one it serves"));
            } else if ((m = FEATURES_DIFFER.matcher(line)).find()) {
                breaks.add(Break.of(BreakKind.FEATURE_MISMATCH, "would " + m.group(1) + " the image: " + m.group(2).trim(),
                        line, "add the release's feature catalogue (generate.sh), decide the features, build again"));
            }
        }
        return breaks;
    }

    private static final class Found {
        final Break first;
        final TreeSet<String> platforms = new TreeSet<>();

        Found(Break first) {
            this.first = first;
        }
    }
}
