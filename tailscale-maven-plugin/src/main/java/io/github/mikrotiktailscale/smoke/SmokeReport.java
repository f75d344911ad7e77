package io.github.mikrotiktailscale.smoke;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a smoke run: per platform what the image does when started, and on the build
 * platform what two nodes do on a tailnet of their own.
 *
 * @param expectedVersion the Tailscale version the configuration pins (without the v), empty if unknown
 * @param sections one per platform, and one for the tailnet
 * @param figures what was measured (join time, round trips, log lines and flash writes a minute)
 * @param notes observations that do not fail the run
 * @param tested per platform ({@code linux/arm64}) the id of the image that ran: what publish later
 *     insists on publishing, so that a release is exactly what was tested
 * @param bases per base image reference its identity ({@link BaseIdentities}): what publish checks
 *     against the bases CI tested
 */
public record SmokeReport(String imageVersion, String expectedVersion, double seconds, List<Section> sections,
        List<Figure> figures, List<String> notes, Map<String, String> tested, Map<String, String> bases) {

    public SmokeReport {
        tested = Map.copyOf(tested);
        bases = Map.copyOf(bases);
    }

    public SmokeReport(String imageVersion, String expectedVersion, double seconds, List<Section> sections,
            List<Figure> figures, List<String> notes) {
        this(imageVersion, expectedVersion, seconds, sections, figures, notes, Map.of(), Map.of());
    }

    /**
     * A group of checks run against one image.
     *
     * @param title {@code linux/arm64}, {@code tailnet (linux/amd64)}
     */
    public record Section(String title, String image, double seconds, List<Check> checks) {

        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }
    }

    public boolean passed() {
        return !sections.isEmpty() && sections.stream().allMatch(Section::passed);
    }

    public List<Check> failures() {
        return sections.stream().flatMap(s -> s.checks().stream()).filter(c -> !c.passed()).toList();
    }

    /** The failure as the goal reports it: each failed check with its likely cause, and where the reports are. */
    public String failureText(java.nio.file.Path markdownReport) {
        var nl = System.lineSeparator();
        var text = new StringBuilder("The smoke test failed:").append(nl);
        for (var check : failures()) {
            text.append("- ").append(check.name()).append(": ").append(check.detail()).append(nl)
                    .append("  likely cause: ").append(check.cause()).append(nl);
        }
        return text.append("Reports: ").append(markdownReport).toString();
    }
}
