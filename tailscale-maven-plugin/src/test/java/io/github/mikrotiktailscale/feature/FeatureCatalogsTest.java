package io.github.mikrotiktailscale.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeatureCatalogsTest {

    private static TailscaleVersion version(String text) {
        return TailscaleVersion.parse(text).orElseThrow();
    }

    @Test
    void loadsTheCatalogueOfTheMinorLine() {
        var choice = FeatureCatalogs.forVersion(version("v1.98.3")).orElseThrow();

        var catalog = choice.catalog();
        assertThat(choice.warning()).isEmpty();
        assertThat(catalog.minorLine()).isEqualTo("1.98");
        assertThat(catalog.readFrom()).isEqualTo("v1.98.3");
        assertThat(catalog.names()).hasSize(73).contains("cli", "netstack", "bakedroots", "unixsocketidentity");
        assertThat(catalog.get("advertiseexitnode").requires()).containsExactly("peerapiserver", "advertiseroutes");
        assertThat(catalog.get("advertiseroutes").requires()).containsExactly("c2n");
        assertThat(catalog.get("c2n").implementationDetail()).isTrue();
        assertThat(catalog.get("dns").implementationDetail()).isFalse();
        assertThat(catalog.get("gro").description()).isEqualTo("Generic Receive Offload support (performance)");
    }

    @Test
    void closureFollowsDependenciesTransitively() {
        var catalog = FeatureCatalogs.load("1.98");

        assertThat(catalog.closure("advertiseexitnode"))
                .containsExactly("advertiseexitnode", "peerapiserver", "advertiseroutes", "c2n");
        assertThat(catalog.closure("systray")).containsExactlyInAnyOrder("systray", "dbus", "webbrowser");
        assertThat(catalog.dependents("c2n")).contains("advertiseroutes", "clientupdate", "ssh");
    }

    @Test
    void aVersionWithoutItsOwnCatalogueUsesTheNearestOlderOneAndSaysSo() {
        var choice = FeatureCatalogs.forVersion(version("v1.99.1")).orElseThrow();

        assertThat(choice.catalog().minorLine()).isEqualTo("1.98");
        assertThat(choice.warning()).hasValueSatisfying(w -> assertThat(w).contains("1.99").contains("1.98")
                .contains("v1.99.1"));
    }

    @Test
    void aVersionNewerThanEveryCatalogueUsesTheNewest() {
        var newest = FeatureCatalogs.available().get(FeatureCatalogs.available().size() - 1);

        var choice = FeatureCatalogs.forVersion(version("v1.998.0")).orElseThrow();

        assertThat(choice.catalog().minorLine()).isEqualTo(newest);
        assertThat(choice.warning()).isPresent();
    }

    @Test
    void aVersionOlderThanEveryCatalogueHasNone() {
        assertThat(FeatureCatalogs.forVersion(version("v1.80.0"))).isEmpty();
    }

    @Test
    void laterCataloguesKnowTheirNewFeaturesAndDependencies() {
        var catalog = FeatureCatalogs.load("1.104");

        assertThat(catalog.get("portmapper").requires()).contains("nattraversal");
        assertThat(catalog.closure("portmapper")).contains("udptransport");
        assertThat(FeatureCatalogs.available()).containsSubsequence("1.98", "1.100", "1.102", "1.104");
    }

    @Test
    void rejectsACatalogueWhoseDependencyIsMissing() {
        var json = """
                {"tailscaleVersion": "v9.0.0", "features": [
                  {"name": "a", "requires": ["b"], "implementationDetail": false, "description": "A"}
                ]}""";

        assertThatThrownBy(() -> FeatureCatalogs.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "9.0"))
                .hasMessageContaining("requires unknown feature b");
    }

    @Test
    void suggestsNearNamesForMisspellings() {
        var catalog = FeatureCatalogs.load("1.98");

        assertThat(catalog.closestNames("advertiseexitnodes")).first().isEqualTo("advertiseexitnode");
        assertThat(catalog.closestNames("unixsocket")).contains("unixsocketidentity");
        assertThat(catalog.closestNames("magicdns")).contains("dns");
        assertThat(catalog.closestNames("zzzzzzzzzzzzzz")).isEmpty();
    }
}
