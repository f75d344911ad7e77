package io.github.mikrotiktailscale.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTableTest {

    @Test
    void summaryListsKeptFeaturesWithTheirOriginAndNamesTheRest() throws Exception {
        var choices = FeatureSelectionTest.ORIGINAL.stream().map(n -> new FeatureChoice(n, "why " + n)).toList();
        var resolved = new FeatureSelection(choices, List.of(),
                List.of(new AcceptedOmission("netstack", "kernel only"))).resolve(FeatureCatalogs.load("1.98"));

        var summary = FeatureTable.summary(resolved);

        assertThat(summary.get(0)).isEqualTo("Tailscale features (catalogue 1.98): 16 kept, 57 left out");
        assertThat(summary).anySatisfy(l -> assertThat(l).contains("+ peerapiserver").contains("pulled in by advertiseexitnode"));
        assertThat(summary).anySatisfy(l -> assertThat(l).contains("+ dns").contains("chosen: why dns"));
        assertThat(summary.get(summary.size() - 1)).startsWith("  - left out: ace acme").contains(" ssh ");
    }

    @Test
    void markdownHasARowForEveryFeatureWithReasonAndOrigin() throws Exception {
        var choices = FeatureSelectionTest.ORIGINAL.stream().map(n -> new FeatureChoice(n, "why | " + n)).toList();
        var resolved = new FeatureSelection(choices, List.of(),
                List.of(new AcceptedOmission("netstack", "kernel only"))).resolve(FeatureCatalogs.load("1.98"));

        var md = FeatureTable.markdown(resolved, "v1.98.3");

        assertThat(md).contains("Tailscale v1.98.3, feature catalogue 1.98")
                .contains("| `c2n` | yes | pulled in by advertiseexitnode, advertiseroutes | Control-to-node (C2N) support |  |")
                .contains("| `dns` | yes | chosen | MagicDNS and system DNS configuration support | why \\| dns |")
                .contains("| `netstack` | no | left out (accepted) |")
                .contains("## Warnings");
        assertThat(md.lines().filter(l -> l.startsWith("| `"))).hasSize(73);
    }
}
