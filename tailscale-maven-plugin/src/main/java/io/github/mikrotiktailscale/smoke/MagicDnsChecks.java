package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * MagicDNS as the router uses it: RouterOS forwards *.ts.net to 100.100.100.100, routed to the
 * container. The test host behind node A plays the router (its route to 100.100.100.100 leads
 * to node A) and asks over UDP and TCP, for A and AAAA records of a tailnet name, and for a name
 * only node A's upstream resolver knows.
 */
final class MagicDnsChecks {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final TailnetActions net;
    private final Polling polling;
    private final Optional<Set<String>> features;
    private final Consumer<Check> add;

    MagicDnsChecks(TailnetActions net, Polling polling, Optional<Set<String>> features, Consumer<Check> add) {
        this.net = net;
        this.polling = polling;
        this.features = features;
        this.add = add;
    }

    /** One question: what is asked, how, and the address that must come back. */
    record Question(String check, String name, String type, boolean tcp, String expected) {}

    static List<Question> questions(TailscaleStatus.Node b) {
        var tailnetName = "node-b." + Topology.MAGIC_DNS_DOMAIN;
        var ipv6 = b.addresses().stream().filter(x -> x.indexOf(':') >= 0).findFirst().orElse("");
        return List.of(
                new Question("magicdns from the router: udp A", tailnetName, "A", false, b.ipv4()),
                new Question("magicdns from the router: udp AAAA", tailnetName, "AAAA", false, ipv6),
                new Question("magicdns from the router: tcp A", tailnetName, "A", true, b.ipv4()),
                new Question("magicdns from the router: tcp AAAA", tailnetName, "AAAA", true, ipv6),
                new Question("magicdns from the router: forwarded name", Topology.PRIVATE_NAME, "A", false,
                        Topology.INTERNET_HOST));
    }

    void run(TailscaleStatus.Node b) throws EnvironmentException, InterruptedException {
        for (var question : questions(b)) {
            var answer = ask(question);
            if (answer.answered(question.expected())) {
                add.accept(Check.pass(question.check(), answer.describe()));
            } else {
                add.accept(Check.fail(question.check(), answer.describe() + " (expected " + question.expected() + ")",
                        Symptom.NO_MAGICDNS.cause(features)));
            }
        }
    }

    private HarnessOutput.Resolution ask(Question question) throws EnvironmentException, InterruptedException {
        var args = new java.util.ArrayList<>(List.of("resolve", "-server", Topology.MAGIC_DNS_ADDRESS, "-timeout", "2s",
                "-type", question.type()));
        if (question.tcp()) {
            args.add("-tcp");
        }
        args.add(question.name());
        return polling.until(PATIENCE, Duration.ofMillis(500), () -> HarnessOutput.resolution(
                net.harness(net.testHost(), args.toArray(String[]::new)).lines()), a -> a.answered(question.expected()));
    }
}
