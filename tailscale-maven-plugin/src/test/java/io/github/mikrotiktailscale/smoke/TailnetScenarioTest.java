package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.progress.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tailnet scenario against a fake tailnet: its order, its verdicts, and its waiting in fake time. */
class TailnetScenarioTest {

    private final FakeTailnet net = new FakeTailnet();
    private final FakeTailnet.Clock clock = new FakeTailnet.Clock();
    private final ArrayList<String> lines = new ArrayList<>();
    private static final Optional<Set<String>> FEATURES = Optional.of(Set.of("cli", "osrouter", "netstack"));

    private TailnetSmoke.Outcome run() throws Exception {
        return new TailnetSmoke(net, Progress.to(lines::add), FEATURES, Duration.ofSeconds(120), clock).run();
    }

    @Test
    void aWorkingImagePassesEveryCheckInOrder() throws Exception {
        var start = clock.now();

        var outcome = run();

        assertThat(outcome.checks()).extracting(Check::name).containsExactly("unattended join node-a",
                "unattended join node-b", "tailscale status", "forwarding", "subnet route", "magicdns",
                "magicdns from the router: udp A", "magicdns from the router: udp AAAA", "magicdns from the router: tcp A",
                "magicdns from the router: tcp AAAA", "magicdns from the router: forwarded name", "tsmp ping",
                "ping of node-a's own address", "rejected connection",
                "tailscale up waits for the login", "flash writes", "log noise node-a", "log noise node-b", "clean stop",
                "restart keeps the node", "exit node", "exit node dns", "daemons alive", PrivateCaChecks.WITHOUT,
                PrivateCaChecks.WITH);
        assertThat(outcome.checks()).allMatch(Check::passed, "passed");
        // the window of peers coming and going ran in fake time: node-c left, node-d joined and left twice
        assertThat(Duration.between(start, clock.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(120));
        assertThat(net.started).contains("node-a", "node-b", "node-c", "node-d1", "node-d2");
        assertThat(net.removed).contains("node-c", "node-d1", "node-d2");
        assertThat(outcome.figures()).extracting(Figure::name).contains("joinSeconds.node-a", "subnetRttMs.median",
                "flash.bytesPerMinute", "restart.runningSeconds", "exitNodeRttMs.median");
        assertThat(lines).anyMatch(l -> l.startsWith("Window of 120 s"));
        // a window of minutes says how far it is at least every 15 s
        assertThat(lines.stream().filter(l -> l.startsWith("Window: ")).count()).isGreaterThanOrEqualTo(7);
    }

    @Test
    void aCliThatIsRefusedFailsTheJoinNamingTheCauseAndStopsTheScenario() throws Exception {
        net.cliAccessDenied = true;

        var outcome = run();

        assertThat(outcome.checks()).extracting(Check::name)
                .containsExactly("unattended join node-a", "unattended join node-b");
        assertThat(outcome.checks()).noneMatch(Check::passed);
        assertThat(outcome.checks().get(0).cause()).isEqualTo(Symptom.ACCESS_DENIED.cause(FEATURES));
        assertThat(outcome.notes()).containsExactly(
                "The nodes did not join, so the checks that need a tailnet were not run.");
        assertThat(net.started).containsExactly("node-a", "node-b");
    }

    @Test
    void anExitNodeThatCrashesIsBlamedOnTheCrashNotOnRouting() throws Exception {
        net.exitNodeCrashes = true;

        var outcome = run();

        var exitNode = outcome.checks().stream().filter(c -> c.name().equals("exit node")).findFirst().orElseThrow();
        assertThat(exitNode.passed()).isFalse();
        assertThat(exitNode.cause()).isEqualTo(Symptom.EXIT_NODE_CRASH.cause(FEATURES));
        var alive = outcome.checks().stream().filter(c -> c.name().equals("daemons alive")).findFirst().orElseThrow();
        assertThat(alive.passed()).isFalse();
        assertThat(alive.detail()).contains("panic: runtime error");
    }
}
