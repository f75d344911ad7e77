package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.archive.ByteSize;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The most a memory figure may show: {@code memory.underLoad.rss=32MB} holds every node's daemon
 * RSS under load to 32 MB, {@code memory.underLoad.rss.node-a=32MB} only node A's. The smoke run
 * fails when a figure exceeds its budget, and when a budgeted figure was not measured at all.
 *
 * @param figure the figure's name, or its name without the node
 * @param origin where the budget was configured, for messages
 */
public record MemoryBudget(String figure, long limit, String origin) {

    /** The values a memory figure holds; the state is {@link MemoryState}'s key. */
    static final List<String> VALUES = List.of("rss", "rssAnon", "rssFile", "cgroup", "cliRss", "containerRss");

    private static final String FORM = "memory.<state>.<value>[.<node>]=<size>, several separated by commas (states: "
            + String.join(", ", Arrays.stream(MemoryState.values()).map(MemoryState::key).toList()) + "; values: "
            + String.join(", ", VALUES) + "; e.g. memory.underLoad.rss=32MB)";

    /**
     * Reads the budgets of one parameter.
     *
     * @param element the parameter and its property, for messages
     */
    public static List<MemoryBudget> parse(String text, String element) throws ConfigurationException {
        var budgets = new ArrayList<MemoryBudget>();
        if (text == null || text.isBlank()) {
            return budgets;
        }
        var problems = new Problems();
        for (var entry : text.split(",")) {
            var parts = entry.strip().split("=", 2);
            var figure = parts[0].strip();
            if (parts.length != 2 || !names(figure)) {
                problems.add(element, "'" + entry.strip() + "' names no memory figure.", "Write " + FORM + ".");
                continue;
            }
            var limit = ByteSize.parse(parts[1]);
            if (limit.isEmpty()) {
                problems.add(element, "'" + parts[1].strip() + "' (the budget of " + figure + ") is not a size.",
                        "Write " + ByteSize.FORMS + ".");
                continue;
            }
            budgets.add(new MemoryBudget(figure, limit.get(), element + " " + figure));
        }
        problems.throwIfAny();
        return List.copyOf(budgets);
    }

    private static boolean names(String figure) {
        var parts = figure.split("\\.", 4);
        return parts.length >= 3 && parts[0].equals("memory")
                && Arrays.stream(MemoryState.values()).anyMatch(s -> s.key().equals(parts[1]))
                && VALUES.contains(parts[2]) && (parts.length == 3 || !parts[3].isBlank());
    }

    /** Whether this budget holds that figure: the same name, or the name with a node after it. */
    boolean covers(Figure candidate) {
        return candidate.name().equals(figure) || candidate.name().startsWith(figure + ".");
    }

    /** One check per figure the budget covers; a failed one when none was measured. */
    List<Check> check(List<Figure> figures) {
        var covered = figures.stream().filter(this::covers).toList();
        if (covered.isEmpty()) {
            return List.of(Check.fail("memory budget " + figure, figure + " was not measured, so its budget of "
                    + mb(limit) + " (" + origin + ") cannot be held", "the memory figures need the Docker engine on"
                    + " this machine and root (the smoke test reads /proc and the cgroup file system), and the"
                    + " tailnet part for every state but loggedOut; see the report's notes, or remove the budget"));
        }
        var checks = new ArrayList<Check>();
        for (var measured : covered) {
            long bytes = Math.round(measured.value() * 1e6);
            var name = "memory budget " + measured.name();
            if (bytes > limit) {
                checks.add(Check.fail(name, String.format(Locale.ROOT, "%s is %s (%s), over the budget of %s (%s)",
                        measured.name(), mb(bytes), measured.what(), mb(limit), origin), "the daemon needs more"
                        + " memory in this state than budgeted: compare with the figures in docs/DESIGN.md (a new"
                        + " Tailscale release, a feature added, a leak) and raise the budget only once the growth is"
                        + " understood"));
            } else {
                checks.add(Check.pass(name, mb(bytes) + " of " + mb(limit)));
            }
        }
        return checks;
    }

    /** Every budget's checks, in the order configured. */
    public static List<Check> checkAll(List<MemoryBudget> budgets, List<Figure> figures) {
        return budgets.stream().flatMap(b -> b.check(figures).stream()).toList();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }
}
