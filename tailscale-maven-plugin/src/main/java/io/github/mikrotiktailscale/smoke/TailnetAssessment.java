package io.github.mikrotiktailscale.smoke;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the tailnet scenario's readings mean, as pure functions like {@link FlashWrites} and
 * {@link LogNoise}: why a node did not join, whether the entrypoint has given up, whether the
 * daemons survived, which login URL a node printed.
 */
final class TailnetAssessment {

    private static final Pattern LOGIN_URL = Pattern.compile("(http://\\S+/auth/[0-9a-f]+)");

    private TailnetAssessment() {}

    /** The likely cause of a failed join, from the node's log and its CLI's answer. */
    static String joinCause(String logs, String status, Optional<Set<String>> features) {
        var text = logs + "\n" + status;
        if (text.contains("access denied")) {
            return Symptom.ACCESS_DENIED.cause(features);
        }
        if (text.contains("not waiting for completion")) {
            return Symptom.UP_DOES_NOT_WAIT.cause(features);
        }
        if (text.contains("tailnet lock is not supported by this binary")) {
            return Symptom.NETMAP_UNREADABLE.cause(features);
        }
        if (!logs.contains("entrypoint: logging in")) {
            return Symptom.NOT_UNATTENDED.cause(features);
        }
        return "see the node's log: 'tailscale up' ran with the TS_* settings but the node did not come up";
    }

    /** The entrypoint's login step has finished (or given up), so waiting longer changes nothing. */
    static boolean entrypointDone(List<String> logs) {
        return logs.stream().anyMatch(l -> l.startsWith("entrypoint: logged in")
                || l.startsWith("entrypoint: 'tailscale up' failed") || l.startsWith("entrypoint: tailscale status:"));
    }

    /** The last lines the entrypoint (not the daemon) wrote, on one line. */
    static String lastEntrypointLines(String logs) {
        var lines = logs.lines().filter(l -> !l.matches("^\\d{4}/\\d\\d/\\d\\d .*")).toList();
        return PlatformSmoke.oneLine(String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size())));
    }

    static String loginUrl(String logs) {
        var matcher = LOGIN_URL.matcher(logs);
        return matcher.find() ? matcher.group(1) : "";
    }

    /** Both forwarding switches on, as the entrypoint sets them. */
    static Check forwarding(List<String> values, Optional<Set<String>> features) {
        if (values.equals(List.of("1", "1"))) {
            return Check.pass("forwarding", "net.ipv4.ip_forward=1, net.ipv6.conf.all.forwarding=1 (both 0 at the start)");
        }
        return Check.fail("forwarding", "ip_forward, ipv6 forwarding = " + values, Symptom.NO_FORWARDING.cause(features));
    }

    /**
     * Neither daemon crashed or restarted.
     *
     * @param states per node, {@code "<running> <exit code> <restarts>"}
     */
    static Check alive(Map<String, String> states, List<String> panics, Optional<Set<String>> features) {
        boolean up = states.values().stream().allMatch(s -> s.startsWith("true ") && s.endsWith(" 0"));
        if (!up || !panics.isEmpty()) {
            return Check.fail("daemons alive", "running/exit code/restarts " + states + (panics.isEmpty() ? ""
                    : "; " + String.join("; ", panics)), Symptom.EXIT_NODE_CRASH.cause(features));
        }
        return Check.pass("daemons alive", "node-a and node-b still running, no panic in their logs");
    }

    /** The node after a restart is the node before it: same id, key and addresses. */
    static boolean sameNode(TailscaleStatus before, TailscaleStatus after) {
        return after.self().id().equals(before.self().id())
                && after.self().publicKey().equals(before.self().publicKey())
                && after.self().addresses().equals(before.self().addresses());
    }
}
