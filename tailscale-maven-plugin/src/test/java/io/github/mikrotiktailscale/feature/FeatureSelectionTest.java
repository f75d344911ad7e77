package io.github.mikrotiktailscale.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FeatureSelectionTest {

    private static final FeatureCatalog V1_98 = FeatureCatalogs.load("1.98");

    /** The original project's allowlist: its eleven sed removals plus osrouter and cli. */
    static final List<String> ORIGINAL = List.of("advertiseexitnode", "advertiseroutes", "useexitnode", "useroutes",
            "dns", "portmapper", "listenrawdisco", "health", "iptables", "unixsocketidentity", "ipnbus", "osrouter",
            "cli");

    private static List<FeatureChoice> choose(List<String> names) {
        return names.stream().map(n -> new FeatureChoice(n, "because")).toList();
    }

    private static List<FeatureChoice> choose(String... names) {
        return choose(List.of(names));
    }

    private static List<String> with(List<String> base, String... more) {
        var all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static List<Problem> problemsOf(FeatureSelection selection) {
        try {
            selection.resolve(V1_98);
        } catch (ConfigurationException e) {
            return e.problems();
        }
        throw new AssertionError("expected the selection to fail");
    }

    @Test
    void theOriginalSelectionResolvesToSixteenFeaturesWithTheDependenciesItLacked() throws Exception {
        var resolved = new FeatureSelection(choose(with(ORIGINAL, "netstack"))).resolve(V1_98);

        assertThat(resolved.allowlist()).hasSize(17).containsAll(ORIGINAL)
                .contains("c2n", "peerapiclient", "peerapiserver", "netstack");
    }

    @Test
    void theOriginalThirteenWithItsAcceptedOmissionResolveToExactlySixteen() throws Exception {
        var selection = new FeatureSelection(choose(ORIGINAL), List.of(),
                List.of(new AcceptedOmission("netstack", "as the original: kernel TUN only")));

        var resolved = selection.resolve(V1_98);

        assertThat(resolved.allowlist()).containsExactlyInAnyOrderElementsOf(
                with(ORIGINAL, "c2n", "peerapiclient", "peerapiserver"));
        assertThat(resolved.allowlist()).hasSize(16);
        assertThat(resolved.status("netstack").acceptedOmission()).isPresent();
        assertThat(resolved.warnings()).anySatisfy(w -> assertThat(w).contains("netstack").contains("MagicDNS"));
    }

    @Test
    void saysForEachKeptFeatureWhetherItWasChosenOrPulledInAndByWhat() throws Exception {
        var resolved = new FeatureSelection(choose(with(ORIGINAL, "netstack"))).resolve(V1_98);

        assertThat(resolved.status("dns").inclusion()).isEqualTo(Inclusion.CHOSEN);
        assertThat(resolved.status("dns").reason()).isEqualTo("because");
        assertThat(resolved.status("peerapiserver").inclusion()).isEqualTo(Inclusion.PULLED_IN);
        assertThat(resolved.status("peerapiserver").pulledInBy()).containsExactly("advertiseexitnode");
        assertThat(resolved.status("peerapiclient").pulledInBy()).containsExactly("useexitnode");
        assertThat(resolved.status("c2n").pulledInBy()).containsExactly("advertiseexitnode", "advertiseroutes");
        assertThat(resolved.status("advertiseroutes").inclusion()).isEqualTo(Inclusion.CHOSEN);
        assertThat(resolved.status("advertiseroutes").pulledInBy()).containsExactly("advertiseexitnode");
        assertThat(resolved.status("ssh").inclusion()).isEqualTo(Inclusion.OMITTED);
        assertThat(resolved.statuses()).hasSize(73);
    }

    @Test
    void anUnknownFeatureIsNamedWithTheNearestKnownNameAndTheList() {
        var problems = problemsOf(new FeatureSelection(choose(with(ORIGINAL, "netstack", "advertiseexitnodes"))));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.element()).isEqualTo("features");
            assertThat(p.message()).contains("unknown Tailscale feature 'advertiseexitnodes'").contains("1.98");
            assertThat(p.suggestion()).contains("Did you mean 'advertiseexitnode'?")
                    .contains("Known features: ace, acme, advertiseexitnode");
        });
    }

    @Test
    void everyFeatureNeedsAReasonAndAppearsOnce() {
        var choices = new ArrayList<>(choose(with(ORIGINAL, "netstack")));
        choices.add(new FeatureChoice("dns", "again"));
        choices.add(new FeatureChoice("gro", " "));

        var problems = problemsOf(new FeatureSelection(choices));

        assertThat(problems).extracting(Problem::message)
                .containsExactlyInAnyOrder("'dns' is listed twice.", "'gro' has no <reason>.");
    }

    @Test
    void removingAFeatureAKeptOneNeedsSaysWhatNeedsIt() {
        var selection = new FeatureSelection(choose(with(ORIGINAL, "netstack")), List.of("c2n"), List.of());

        assertThat(problemsOf(selection)).singleElement().satisfies(p -> {
            assertThat(p.element()).isEqualTo("removeFeatures");
            assertThat(p.message()).contains("'c2n' cannot be left out: advertiseexitnode, advertiseroutes need it");
            assertThat(p.suggestion()).contains("Remove advertiseexitnode and advertiseroutes as well");
        });
    }

    @Test
    void removingAChosenFeatureDropsItAndWhatOnlyItNeeded() throws Exception {
        var selection = new FeatureSelection(choose(with(ORIGINAL, "netstack")), List.of("useexitnode"), List.of());

        var resolved = selection.resolve(V1_98);

        assertThat(resolved.includes("useexitnode")).isFalse();
        assertThat(resolved.includes("peerapiclient")).isFalse();
        assertThat(resolved.includes("useroutes")).isTrue();
    }

    static Stream<Object[]> requirements() {
        var all = with(ORIGINAL, "netstack");
        var none = Map.<Capability, String>of();
        // Without netstack the raw-inject rule always applies: the cases about other rules
        // provide it, so that exactly the rule under test fails.
        var injects = Map.of(Capability.RAW_INJECT, "a patch");
        return Stream.of(
                new Object[] {without(all, "cli"), none, "cli", "no 'tailscale' command"},
                new Object[] {without(all, "unixsocketidentity"), none, "unixsocketidentity", "\"access denied\""},
                new Object[] {without(all, "ipnbus"), none, "ipnbus", "prints no login URL, never uses an auth key"},
                new Object[] {without(without(all, "osrouter"), "netstack", "dns", "useexitnode"), injects, "osrouter",
                        "carries no traffic"},
                new Object[] {without(all, "netstack", "useexitnode"), injects, "netstack", "100.100.100.100"},
                new Object[] {without(all, "netstack", "dns"), none, "netstack",
                        "unreachable in tstun.invertGSOChecksum"});
    }

    private static List<String> without(List<String> names, String... gone) {
        return names.stream().filter(n -> !List.of(gone).contains(n)).toList();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("requirements")
    void aFeatureTheRouterCannotDoWithoutFailsWithWhatBreaks(List<String> names, Map<Capability, String> provided,
            String missing, String breaks) throws Exception {
        var problems = problemsOf(new FeatureSelection(choose(names), List.of(), List.of(), List.of(), provided));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("needs '" + missing + "'").contains(breaks);
            assertThat(p.suggestion()).contains("<acceptMissing><feature><name>" + missing + "</name>");
        });

        var accepted = new FeatureSelection(choose(names), List.of(), List.of(new AcceptedOmission(missing, "tested")),
                List.of(), provided);
        assertThat(accepted.resolve(V1_98).warnings()).anySatisfy(w -> assertThat(w).contains(breaks));
    }

    @Test
    void aSourceChangeThatProvidesWhatNetstackDidMeetsBothRulesAndTheReportSaysSo() throws Exception {
        var names = without(with(ORIGINAL, "netstack"), "netstack");
        var neither = problemsOf(new FeatureSelection(choose(names)));
        assertThat(neither).hasSize(2).allSatisfy(p -> assertThat(p.suggestion()).contains("<provides>"));

        var resolved = new FeatureSelection(choose(names), List.of(), List.of(), List.of(),
                Map.of(Capability.MAGICDNS, "the added cmd/tailscaled/magicdns.go", Capability.RAW_INJECT,
                        "patch tstun-inject-without-netstack.patch")).resolve(V1_98);

        assertThat(resolved.includes("netstack")).isFalse();
        assertThat(resolved.substitutes()).containsExactly(
                "'netstack' is left out; the added cmd/tailscaled/magicdns.go answers MagicDNS on 100.100.100.100 with"
                        + " the daemon's own resolver (magicdns)",
                "'netstack' is left out; patch tstun-inject-without-netstack.patch injects raw packets (TSMP pongs and"
                        + " rejects, replies to the node itself) without netstack (raw-inject)");
        assertThat(FeatureTable.markdown(resolved, "v1.98.3")).contains("## Made up for by the project's source changes");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        var problems = problemsOf(new FeatureSelection(choose("dns", "nosuchthing")));

        assertThat(problems).hasSize(1);
        var later = problemsOf(new FeatureSelection(choose("dns", "portmapper")));
        assertThat(later).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("'cli'"))
                .anySatisfy(m -> assertThat(m).contains("'unixsocketidentity'"))
                .anySatisfy(m -> assertThat(m).contains("'ipnbus'"))
                .anySatisfy(m -> assertThat(m).contains("'osrouter'"))
                .anySatisfy(m -> assertThat(m).contains("'netstack'"));
    }

    @Test
    void anAcceptanceOfAnUnknownFeatureOrWithoutReasonFails() {
        var selection = new FeatureSelection(choose(with(ORIGINAL, "netstack")), List.of(),
                List.of(new AcceptedOmission("netstak", "typo"), new AcceptedOmission("cli", "")));

        assertThat(problemsOf(selection)).extracting(Problem::element).containsExactly("acceptMissing", "acceptMissing");
    }

    @Test
    void anAcceptanceThatIsNotNeededIsAWarning() throws Exception {
        var selection = new FeatureSelection(choose(with(ORIGINAL, "netstack")), List.of(),
                List.of(new AcceptedOmission("netstack", "just in case")));

        assertThat(selection.resolve(V1_98).warnings()).filteredOn(w -> w.contains("'netstack'")).singleElement()
                .satisfies(w -> assertThat(w).contains("no effect"));
    }

    @Test
    void leavingOutWhatASourceChangeCanMakeUpForIsAWarningUntilAccepted() throws Exception {
        var plain = new FeatureSelection(choose(with(ORIGINAL, "netstack"))).resolve(V1_98);

        assertThat(plain.includes("tailnetlock")).isFalse();
        assertThat(plain.warnings())
                .anySatisfy(w -> assertThat(w).startsWith("'tailnetlock' is left out while cli is kept:")
                        .contains("tailnet lock is not supported by this binary", "tka/disabled_stub.go", "<acceptMissing>"))
                .anySatisfy(w -> assertThat(w).startsWith("'logtail' is left out:").contains("[v1]", "cmd/tailscaled"));

        var accepted = new FeatureSelection(choose(with(ORIGINAL, "netstack")), List.of(), List.of(
                new AcceptedOmission("tailnetlock", "tka patch"), new AcceptedOmission("logtail", "log filter")))
                .resolve(V1_98);
        assertThat(accepted.warnings()).isEmpty();
        assertThat(accepted.status("logtail").acceptedOmission()).hasValueSatisfying(
                a -> assertThat(a.reason()).isEqualTo("log filter"));
    }

    @Test
    void withoutTheCliTheNetmapRuleDoesNotApply() throws Exception {
        var selection = new FeatureSelection(choose(without(with(ORIGINAL, "netstack"), "cli", "unixsocketidentity",
                "ipnbus")), List.of(), List.of(new AcceptedOmission("cli", "a daemon only"),
                        new AcceptedOmission("unixsocketidentity", "no CLI"), new AcceptedOmission("ipnbus", "no CLI")));

        assertThat(selection.resolve(V1_98).warnings()).noneMatch(w -> w.startsWith("'tailnetlock'"));
    }

    @Test
    void onLaterReleasesUdpTransportIsPulledInByPortmapper() throws Exception {
        var resolved = new FeatureSelection(choose(with(ORIGINAL, "netstack"))).resolve(FeatureCatalogs.load("1.104"));

        assertThat(resolved.status("udptransport").pulledInBy()).contains("portmapper", "listenrawdisco");
        assertThat(resolved.status("nattraversal").inclusion()).isEqualTo(Inclusion.PULLED_IN);
    }

    @Test
    void theUdpTransportRuleOnlyAppliesWhereTheFeatureExists() throws Exception {
        var names = without(with(ORIGINAL, "netstack"), "portmapper", "listenrawdisco");

        assertThat(new FeatureSelection(choose(names)).resolve(V1_98).allowlist()).doesNotContain("udptransport");
        assertThatThrownBy(() -> new FeatureSelection(choose(names)).resolve(FeatureCatalogs.load("1.104")))
                .hasMessageContaining("udptransport").hasMessageContaining("DERP");
    }

    @Test
    void featuresNewInALineAreUndecidedUntilTheProjectNamesThem() {
        var older = FeatureCatalogs.load("1.100");
        var newer = FeatureCatalogs.load("1.102");
        var chosen = List.of(new FeatureChoice("cli", "the command"));

        assertThat(new FeatureSelection(chosen).undecided(older, newer))
                .containsExactly("flashappliance", "remoteconfig", "serviceclientprefs", "syslog");
        var decided = new FeatureSelection(chosen, List.of(), List.of(new AcceptedOmission("syslog", "no daemon")),
                List.of(new FeatureChoice("flashappliance", "not a router's job"), new FeatureChoice("remoteconfig", "no"),
                        new FeatureChoice("serviceclientprefs", "desktop")));
        assertThat(decided.undecided(older, newer)).isEmpty();
    }

    @Test
    void aLeftOutFeatureShowsItsReasonAndMustBeKnownReasonedAndNotChosen() throws Exception {
        var catalog = FeatureCatalogs.load("1.102");
        var resolved = new FeatureSelection(List.of(new FeatureChoice("cli", "the command"),
                new FeatureChoice("unixsocketidentity", "x"), new FeatureChoice("ipnbus", "x"),
                new FeatureChoice("netstack", "x")), List.of(), List.of(),
                List.of(new FeatureChoice("syslog", "no syslog daemon in the container"))).resolve(catalog);
        assertThat(resolved.status("syslog").reason()).isEqualTo("no syslog daemon in the container");
        assertThat(resolved.status("syslog").kept()).isFalse();

        assertThatThrownBy(() -> new FeatureSelection(List.of(new FeatureChoice("cli", "x")), List.of(), List.of(),
                List.of(new FeatureChoice("sysloog", "typo"), new FeatureChoice("cli", "both"),
                        new FeatureChoice("ssh", ""))).resolve(catalog))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown Tailscale feature 'sysloog'")
                .hasMessageContaining("'cli' is both chosen in <features> and left out")
                .hasMessageContaining("leaving out 'ssh' needs a <reason>");
    }
}
