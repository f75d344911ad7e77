package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    private static final String ELEMENT = "memoryBudget (tailscale.smoke.memoryBudget)";

    private static Figure rss(String node, double megabytes) {
        return new Figure("memory.underLoad.rss." + node, megabytes, "MB", "under load: the daemon's VmRSS");
    }

    @Test
    void readsSeveralBudgetsInAnyUnit() throws Exception {
        var budgets = MemoryBudget.parse(" memory.underLoad.rss=32MB, memory.cliPeak.cgroup.node-a = 64MiB ", ELEMENT);

        assertThat(budgets).containsExactly(
                new MemoryBudget("memory.underLoad.rss", 32_000_000, ELEMENT + " memory.underLoad.rss"),
                new MemoryBudget("memory.cliPeak.cgroup.node-a", 64L << 20, ELEMENT + " memory.cliPeak.cgroup.node-a"));
        assertThat(MemoryBudget.parse("", ELEMENT)).isEmpty();
        assertThat(MemoryBudget.parse(null, ELEMENT)).isEmpty();
    }

    @Test
    void anUnknownFigureOrSizeIsNamedWithWhatIsAllowed() {
        assertThatThrownBy(() -> MemoryBudget.parse("memory.underload.rss=32MB, memory.joined.rss=lots", ELEMENT))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'memory.underload.rss=32MB' names no memory figure")
                .hasMessageContaining("states: loggedOut, joined, afterChurn, underLoad, cliPeak, runPeak")
                .hasMessageContaining("e.g. memory.underLoad.rss=32MB")
                .hasMessageContaining("'lots' (the budget of memory.joined.rss) is not a size")
                .hasMessageContaining(ELEMENT);
        assertThatThrownBy(() -> MemoryBudget.parse("32MB", ELEMENT)).hasMessageContaining("'32MB' names no memory");
    }

    @Test
    void aBudgetWithoutANodeHoldsEveryNodeAndNamesTheFigureBudgetAndState() {
        var budget = new MemoryBudget("memory.underLoad.rss", 30_000_000, "memoryBudget memory.underLoad.rss");

        var checks = budget.check(List.of(rss("node-a", 31.3), rss("node-b", 26.7),
                new Figure("memory.underLoad.rssAnon.node-a", 99, "MB", "not this one")));

        assertThat(checks).extracting(Check::name).containsExactly("memory budget memory.underLoad.rss.node-a",
                "memory budget memory.underLoad.rss.node-b");
        assertThat(checks.get(0).passed()).isFalse();
        assertThat(checks.get(0).detail()).isEqualTo("memory.underLoad.rss.node-a is 31.30 MB (under load: the"
                + " daemon's VmRSS), over the budget of 30.00 MB (memoryBudget memory.underLoad.rss)");
        assertThat(checks.get(0).cause()).contains("docs/DESIGN.md");
        assertThat(checks.get(1).passed()).isTrue();
        assertThat(checks.get(1).detail()).isEqualTo("26.70 MB of 30.00 MB");
    }

    @Test
    void aBudgetOnAFigureNobodyMeasuredFails() {
        var checks = MemoryBudget.checkAll(List.of(new MemoryBudget("memory.underLoad.rss", 30_000_000, "here")),
                List.of(new Figure("joinSeconds.node-a", 2, "s", "")));

        assertThat(checks).singleElement().satisfies(check -> {
            assertThat(check.passed()).isFalse();
            assertThat(check.detail()).contains("was not measured");
            assertThat(check.cause()).contains("remove the budget");
        });
    }

    @Test
    void aNodeNameIsNotAPrefixOfAnother() {
        var budget = new MemoryBudget("memory.underLoad.rss.node-a", 30_000_000, "here");

        assertThat(budget.covers(rss("node-a", 1))).isTrue();
        assertThat(budget.covers(rss("node-ab", 1))).isFalse();
    }
}
