package io.github.mikrotiktailscale.routeros;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a RouterOS script for the mistakes that broke the original update script on real
 * routers, and for the structure our scripts promise (CONFIG block, version check).
 *
 * <p>No RouterOS runs here, so this is a static reading: strings, comments and braces are
 * tracked, not the full grammar. It is deliberately strict where RouterOS is unforgiving.
 */
final class RouterOsScriptCheck {

    enum Rule {
        /** "&" in a url= argument or in a string that is (part of) a URL: RouterOS breaks it. */
        AMPERSAND_IN_URL,
        /** Install instructions must create a named /system/script; importing only runs the file once. */
        IMPORT,
        /** A $variable not declared in an enclosing scope (functions see only their own). */
        UNDECLARED_VARIABLE,
        /** /container remove or start outside :retry: both fail while the container is busy. */
        CONTAINER_WITHOUT_RETRY,
        /** No well-formed "# --- CONFIG" ... "# --- END CONFIG" block of :local lines at the top. */
        MISSING_CONFIG,
        /** The RouterOS version is not read before the first command that changes or fetches anything. */
        MISSING_VERSION_CHECK,
        /** {@code where key=$key}: a variable named like the property makes the property compare with itself. */
        RESERVED_NAME_IN_WHERE,
        /** HEAD with {@code output=user-with-headers}: the headers of an empty body are lost before 7.21. */
        HEAD_WITH_HEADERS,
        /** root-dir, a mount source or a file written before checking for a {@code flash} folder. */
        STORAGE_OUTSIDE_FLASH,
        /** /container/remove before a container the script added has been seen running. */
        CONTAINER_REMOVED_BEFORE_REPLACEMENT_RUNS,
        /** An image reference with a tag that moves ({@code :stable}), or remote-image straight from CONFIG. */
        MOVING_TAG
    }

    record Violation(Rule rule, int line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + rule + ": " + message;
        }
    }

    private static final Pattern VARIABLE_USE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern DECLARATION = Pattern.compile(":(?:local|global)\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern LOOP_DECLARATION =
            Pattern.compile(":(?:foreach|for|onerror)\\s+([A-Za-z_][A-Za-z0-9_]*)(?:\\s*,\\s*([A-Za-z_][A-Za-z0-9_]*))?");
    private static final Pattern FUNCTION_START = Pattern.compile(":(?:local|global)\\s+[A-Za-z_][A-Za-z0-9_]*\\s+do=$");
    private static final Pattern RETRY_START = Pattern.compile(":retry\\s+command=$");
    private static final Pattern IMPORT = Pattern.compile("(?:^|[\\s\\[;{\"])[/:]import\\b|\\bimport\\s+file=");
    private static final Pattern CONTAINER_REMOVE_OR_START =
            Pattern.compile("/container[/ ](?:remove|start)\\b");
    private static final Pattern URL_ARGUMENT = Pattern.compile("\\burl=([^\\s\"]+)");
    private static final Pattern VERSION_READ = Pattern.compile("/system[/ ]resource[/ ]get\\s+version\\b");
    private static final Pattern ROUTER_COMMAND =
            Pattern.compile("/(?:container|interface|ip|ipv6|disk|file|tool|system[/ ](?:script|scheduler))\\b");
    private static final Pattern CONFIG_START = Pattern.compile("^#\\s*-*\\s*CONFIG\\b");
    private static final Pattern CONFIG_END = Pattern.compile("^#\\s*-*\\s*END CONFIG\\b");

    /** A brace-delimited block: the names declared in it, and what kind of block it is. */
    private static final class Scope {
        final Set<String> names = new HashSet<>();
        final boolean function;
        final boolean retry;

        Scope(boolean function, boolean retry) {
            this.function = function;
            this.retry = retry;
        }
    }

    private final List<Violation> violations = new ArrayList<>();
    private final Deque<Scope> scopes = new ArrayDeque<>();

    private RouterOsScriptCheck() {
        scopes.push(new Scope(true, false));
    }

    static List<Violation> check(String script) {
        var check = new RouterOsScriptCheck();
        var lines = script.split("\r?\n", -1);
        check.checkStructure(lines);
        for (int i = 0; i < lines.length; i++) {
            check.checkLine(i + 1, lines[i]);
        }
        check.violations.addAll(RouterOsUpdateSafetyCheck.check(lines));
        return List.copyOf(check.violations);
    }

    private void report(Rule rule, int line, String message) {
        violations.add(new Violation(rule, line, message));
    }

    private void checkStructure(String[] lines) {
        int configStart = -1;
        int configEnd = -1;
        int firstCommand = -1;
        int versionRead = -1;
        int firstRouterCommand = -1;
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i].strip();
            if (line.startsWith("#")) {
                if (configStart < 0 && CONFIG_START.matcher(line).find()) {
                    configStart = i;
                } else if (configStart >= 0 && configEnd < 0 && CONFIG_END.matcher(line).find()) {
                    configEnd = i;
                }
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (firstCommand < 0 && !(configStart >= 0 && configEnd < 0)) {
                firstCommand = i;
            }
            if (versionRead < 0 && VERSION_READ.matcher(line).find()) {
                versionRead = i;
            }
            if (firstRouterCommand < 0 && ROUTER_COMMAND.matcher(line).find()) {
                firstRouterCommand = i;
            }
        }
        checkConfig(lines, configStart, configEnd, firstCommand);
        if (versionRead < 0) {
            report(Rule.MISSING_VERSION_CHECK, 1, "the script never reads [/system/resource/get version]");
        } else if (firstRouterCommand >= 0 && firstRouterCommand < versionRead) {
            report(Rule.MISSING_VERSION_CHECK, firstRouterCommand + 1,
                    "this command runs before the RouterOS version is checked (line " + (versionRead + 1) + ")");
        }
    }

    private void checkConfig(String[] lines, int start, int end, int firstCommand) {
        if (start < 0 || end < 0) {
            report(Rule.MISSING_CONFIG, 1, "no \"# --- CONFIG\" ... \"# --- END CONFIG\" block");
            return;
        }
        if (firstCommand >= 0 && firstCommand < start) {
            report(Rule.MISSING_CONFIG, firstCommand + 1, "a command comes before the CONFIG block");
        }
        int locals = 0;
        for (int i = start + 1; i < end; i++) {
            var line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(":local ")) {
                locals++;
            } else {
                report(Rule.MISSING_CONFIG, i + 1, "the CONFIG block holds only :local settings and comments");
            }
        }
        if (locals == 0) {
            report(Rule.MISSING_CONFIG, start + 1, "the CONFIG block sets nothing");
        }
    }

    private void checkLine(int number, String line) {
        var stripped = line.strip();
        if (IMPORT.matcher(line).find()) {
            report(Rule.IMPORT, number,
                    "install with /system/script/add name=... source=[/file/get FILE contents]; importing only runs the file once");
        }
        if (stripped.startsWith("#")) {
            return;
        }
        declare(stripped);
        var code = new StringBuilder();
        var inString = false;
        var stringStart = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                // An escaped character ("\$", "\"", "\26") is text, never syntax.
                if (!inString) {
                    code.append(c).append(line.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (inString) {
                if (c == '"') {
                    checkString(number, line.substring(stringStart, i));
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
                stringStart = i + 1;
                continue;
            }
            if (c == '{') {
                var before = code.toString().stripTrailing();
                scopes.push(new Scope(FUNCTION_START.matcher(before).find(), RETRY_START.matcher(before).find()));
            } else if (c == '}' && scopes.size() > 1) {
                scopes.pop();
            }
            code.append(c);
        }
        checkCode(number, code.toString(), line);
    }

    private void declare(String statement) {
        for (var pattern : List.of(DECLARATION, LOOP_DECLARATION)) {
            Matcher m = pattern.matcher(statement);
            while (m.find()) {
                for (int g = 1; g <= m.groupCount(); g++) {
                    if (m.group(g) != null) {
                        scopes.peek().names.add(m.group(g));
                    }
                }
            }
        }
    }

    /** Code outside strings on one line (strings are checked on their own). */
    private void checkCode(int number, String code, String line) {
        Matcher url = URL_ARGUMENT.matcher(code);
        while (url.find()) {
            if (url.group(1).contains("&")) {
                report(Rule.AMPERSAND_IN_URL, number, "url=" + url.group(1));
            }
        }
        checkVariables(number, unescaped(code));
        if (CONTAINER_REMOVE_OR_START.matcher(code).find() && !insideRetry(line)) {
            report(Rule.CONTAINER_WITHOUT_RETRY, number,
                    "wrap it: :retry command={ ... } delay=N max=N (it fails while the container is busy)");
        }
    }

    /** The text of one string literal, without its quotes. */
    private void checkString(int number, String text) {
        if (text.contains("&") && (text.contains("://") || text.contains("?") || text.startsWith("/"))) {
            report(Rule.AMPERSAND_IN_URL, number, "\"" + text + "\"");
        }
        checkVariables(number, unescaped(text));
        if (CONTAINER_REMOVE_OR_START.matcher(text).find() && !insideRetry(text)) {
            report(Rule.CONTAINER_WITHOUT_RETRY, number, "code in a string runs /container remove or start without :retry");
        }
    }

    private static String unescaped(String text) {
        return text.replaceAll("\\\\.", "");
    }

    private void checkVariables(int number, String text) {
        Matcher m = VARIABLE_USE.matcher(text);
        while (m.find()) {
            var name = m.group(1);
            if (!isDeclared(name)) {
                report(Rule.UNDECLARED_VARIABLE, number, "$" + name + " is used before :local or :global declares it here");
            }
        }
    }

    private boolean isDeclared(String name) {
        if (name.matches("\\d")) {
            return true;
        }
        for (var scope : scopes) {
            if (scope.names.contains(name)) {
                return true;
            }
            if (scope.function) {
                return false;
            }
        }
        return false;
    }

    private boolean insideRetry(String line) {
        if (line.contains(":retry")) {
            return true;
        }
        for (var scope : scopes) {
            if (scope.retry) {
                return true;
            }
            if (scope.function) {
                return false;
            }
        }
        return false;
    }
}
