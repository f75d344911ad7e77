package io.github.mikrotiktailscale.routeros;

import io.github.mikrotiktailscale.routeros.RouterOsScriptCheck.Rule;
import io.github.mikrotiktailscale.routeros.RouterOsScriptCheck.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a review of the scripts against RouterOS's manuals and changelogs found, each a way a
 * real router loses its Tailscale node: where-clauses that compare a property with itself, HEAD
 * requests whose headers older versions drop, storage on the RAM disk of devices with a
 * {@code flash} folder, removing the running container before its successor runs, and pulling a
 * tag that moves.
 *
 * <p>Reads whole lines (comment lines skipped); function bodies ({@code :local f do={ ... }}) are
 * definitions, so for the order of events a call of the function stands for what its body does.
 */
final class RouterOsUpdateSafetyCheck {

    /** RouterOS reads {@code where key=$key} as the property compared with itself: every entry matches. */
    private static final Pattern SELF_COMPARISON = Pattern.compile("([A-Za-z][\\w-]*)\\s*=\\s*\\\\?\\$([A-Za-z]\\w*)");
    private static final Pattern HEAD = Pattern.compile("http-method=\"?head\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern WITH_HEADERS = Pattern.compile("output=\"?user-with-headers\\b");
    private static final Pattern FLASH_CHECK = Pattern.compile("/file[/ ]find\\s+where\\s+name=\"flash\"");
    private static final Pattern STORAGE =
            Pattern.compile("\\broot-dir=|/container[/ ]mounts[/ ]add\\b|/file[/ ](?:add|set)\\b");
    private static final Pattern CONTAINER_ADD = Pattern.compile("/container[/ ]add\\b");
    private static final Pattern CONTAINER_REMOVE = Pattern.compile("/container[/ ]remove\\b");
    private static final Pattern RUNNING = Pattern.compile("\\brunning\\b");
    private static final Pattern FUNCTION_START = Pattern.compile("^:(?:local|global)\\s+(\\w+)\\s+do=\\{");
    private static final Pattern CALL = Pattern.compile("\\$(\\w+)");
    private static final String IN_PLACE_MARKER = "# in place:";
    private static final Pattern MOVING_REFERENCE =
            Pattern.compile("\"(@image\\.reference@|[^\"\\s]*[\\w.-]+/[\\w./-]+:(?:stable|latest))\"");
    private static final Pattern REMOTE_IMAGE_VARIABLE = Pattern.compile("remote-image=\\$(\\w+)");
    private static final Pattern CONFIG_LOCAL = Pattern.compile("^:local\\s+(\\w+)\\s");

    private final List<Violation> violations = new ArrayList<>();

    private RouterOsUpdateSafetyCheck() {}

    static List<Violation> check(String[] lines) {
        var check = new RouterOsUpdateSafetyCheck();
        check.checkLines(lines);
        check.checkStorage(lines);
        check.checkRemovalOrder(lines);
        return check.violations;
    }

    private void report(Rule rule, int line, String message) {
        violations.add(new Violation(rule, line, message));
    }

    private static boolean isComment(String line) {
        return line.strip().startsWith("#");
    }

    private void checkLines(String[] lines) {
        var configNames = configVariables(lines);
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i];
            if (isComment(line)) {
                continue;
            }
            int where = line.indexOf(" where ");
            if (where >= 0) {
                var m = SELF_COMPARISON.matcher(line.substring(where));
                while (m.find()) {
                    if (m.group(1).equalsIgnoreCase(m.group(2))) {
                        report(Rule.RESERVED_NAME_IN_WHERE, i + 1, m.group() + " compares the property " + m.group(1)
                                + " with itself (every entry matches); name the variable differently");
                    }
                }
            }
            if (HEAD.matcher(line).find() && WITH_HEADERS.matcher(line).find()) {
                report(Rule.HEAD_WITH_HEADERS, i + 1, "HEAD with output=user-with-headers: before 7.21 the headers of"
                        + " an empty body are lost; GET the (small) manifest and read its body");
            }
            var moving = MOVING_REFERENCE.matcher(line);
            while (moving.find()) {
                report(Rule.MOVING_TAG, i + 1, moving.group(1) + " names a tag that moves; pull the digest or the"
                        + " immutable release tag the registry returns for it");
            }
            var remote = REMOTE_IMAGE_VARIABLE.matcher(line);
            while (remote.find()) {
                if (configNames.contains(remote.group(1))) {
                    report(Rule.MOVING_TAG, i + 1, "remote-image=$" + remote.group(1) + " pulls what CONFIG names, not"
                            + " what was checked in the registry");
                }
            }
        }
    }

    private static Set<String> configVariables(String[] lines) {
        var names = new HashSet<String>();
        boolean inConfig = false;
        for (var line : lines) {
            var s = line.strip();
            if (s.matches("^#\\s*-*\\s*END CONFIG\\b.*")) {
                break;
            }
            if (s.matches("^#\\s*-*\\s*CONFIG\\b.*")) {
                inConfig = true;
            } else if (inConfig) {
                var m = CONFIG_LOCAL.matcher(s);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private void checkStorage(String[] lines) {
        int flashCheck = Integer.MAX_VALUE;
        for (int i = 0; i < lines.length; i++) {
            if (!isComment(lines[i]) && FLASH_CHECK.matcher(lines[i]).find()) {
                flashCheck = i;
                break;
            }
        }
        for (int i = 0; i < lines.length && i < flashCheck; i++) {
            if (!isComment(lines[i]) && STORAGE.matcher(lines[i]).find()) {
                report(Rule.STORAGE_OUTSIDE_FLASH, i + 1, "stores a path before checking for a flash folder"
                        + " ([/file/find where name=\"flash\"]): on such devices everything outside flash/ is RAM");
            }
        }
    }

    /**
     * A container is removed only after one the script added has been seen running, or on the
     * deliberate in-place path (a {@value #IN_PLACE_MARKER} comment right above), where flash holds
     * only one image.
     */
    private void checkRemovalOrder(String[] lines) {
        var adders = new HashSet<String>();
        var removers = new HashSet<String>();
        var flow = new ArrayList<Integer>();
        String function = null;
        int depth = 0;
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i];
            if (isComment(line)) {
                continue;
            }
            if (function == null) {
                var start = FUNCTION_START.matcher(line.strip());
                if (start.find()) {
                    function = start.group(1);
                    depth = 0;
                }
            }
            if (function != null) {
                if (CONTAINER_ADD.matcher(line).find()) {
                    adders.add(function);
                }
                if (CONTAINER_REMOVE.matcher(line).find()) {
                    removers.add(function);
                }
                depth += braceBalance(line);
                if (depth <= 0) {
                    function = null;
                }
            } else {
                flow.add(i);
            }
        }
        boolean added = false;
        boolean seenRunning = false;
        for (int i : flow) {
            var line = lines[i];
            var calls = calls(line);
            if (CONTAINER_REMOVE.matcher(line).find() || calls.stream().anyMatch(removers::contains)) {
                if (!seenRunning && !markedInPlace(lines, i)) {
                    report(Rule.CONTAINER_REMOVED_BEFORE_REPLACEMENT_RUNS, i + 1, "removes a container before one this"
                            + " script added has been seen running; add the new one beside it first (or mark the"
                            + " deliberate in-place path with '" + IN_PLACE_MARKER + "')");
                }
            }
            if (CONTAINER_ADD.matcher(line).find() || calls.stream().anyMatch(adders::contains)) {
                added = true;
            } else if (added && RUNNING.matcher(line).find()) {
                seenRunning = true;
            }
        }
    }

    private static Set<String> calls(String line) {
        var names = new HashSet<String>();
        var m = CALL.matcher(line);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static boolean markedInPlace(String[] lines, int index) {
        for (int i = index - 1; i >= 0; i--) {
            var s = lines[i].strip();
            if (s.isEmpty()) {
                continue;
            }
            return s.toLowerCase(Locale.ROOT).startsWith(IN_PLACE_MARKER);
        }
        return false;
    }

    /** Opening minus closing braces outside strings. */
    private static int braceBalance(String line) {
        int balance = 0;
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString && c == '{') {
                balance++;
            } else if (!inString && c == '}') {
                balance--;
            }
        }
        return balance;
    }
}
