package io.github.mikrotiktailscale.canary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a unified diff: which files it touches and which hunk starts at a line. */
final class Hunks {

    private static final Pattern HEADER = Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+\\d+(?:,\\d+)? @@.*");

    private Hunks() {}

    /** "hunk 2 of 3 (@@ -39,6 +39,12 @@)" for the hunk of {@code file} git reports failing at {@code line}. */
    static String describe(Path patch, String file, int line) {
        try {
            var lines = Files.readAllLines(patch, StandardCharsets.UTF_8);
            String current = null;
            int index = 0;
            int count = 0;
            String found = null;
            int foundIndex = 0;
            for (var l : lines) {
                if (l.startsWith("+++ ")) {
                    current = stripPrefix(l.substring(4));
                } else if (file.equals(current)) {
                    var m = HEADER.matcher(l);
                    if (m.matches()) {
                        index++;
                        count++;
                        if (found == null && Integer.parseInt(m.group(1)) == line) {
                            found = l.trim();
                            foundIndex = index;
                        }
                    }
                }
            }
            return found == null ? "line " + line : "hunk " + foundIndex + " of " + count + " (" + found + ")";
        } catch (IOException e) {
            return "line " + line;
        }
    }

    /** The paths a patch touches (without git's a/ and b/). */
    static Set<String> files(Path patch) throws IOException {
        var files = new LinkedHashSet<String>();
        for (var l : Files.readAllLines(patch, StandardCharsets.UTF_8)) {
            if (l.startsWith("--- ") || l.startsWith("+++ ")) {
                var path = stripPrefix(l.substring(4));
                if (!path.equals("/dev/null")) {
                    files.add(path);
                }
            }
        }
        return files;
    }

    private static String stripPrefix(String path) {
        var p = path.split("\t")[0].trim();
        return p.startsWith("a/") || p.startsWith("b/") ? p.substring(2) : p;
    }
}
