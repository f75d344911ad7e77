package io.github.mikrotiktailscale.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.feature.TailscaleVersion;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagPlannerTest {

    private static final TailscaleVersion V98 = TailscaleVersion.parse("v1.98.3").orElseThrow();
    private static final ReleaseVersion MT1 = ReleaseVersion.parse("v1.98.3-mt.1").orElseThrow();

    private static TagDecision plan(Map<String, String> tags, TagMode mode) throws ConfigurationException {
        return TagPlanner.plan(V98, tags, "head", List.of(), mode);
    }

    @Test
    void parsesAndOrdersReleaseVersions() {
        assertThat(MT1.tag()).isEqualTo("v1.98.3-mt.1");
        assertThat(MT1.next().tag()).isEqualTo("v1.98.3-mt.2");
        assertThat(ReleaseVersion.parse("v1.98.3-mt.10").orElseThrow()).isGreaterThan(MT1.next());
        assertThat(ReleaseVersion.parse("v1.100.0-mt.1").orElseThrow()).isGreaterThan(ReleaseVersion.parse("v1.98.9-mt.7").orElseThrow());
        assertThat(ReleaseVersion.parse("v1.98.3-mt.0")).isEmpty();
        assertThat(ReleaseVersion.parse("v1.98.3")).isEmpty();
        assertThat(ReleaseVersion.parse("1.98.3-mt.1")).isEmpty();
    }

    @Test
    void theFirstReleaseOfATailscaleVersionIsMt1InEveryMode() throws Exception {
        var tags = Map.of("v1.96.0-mt.3", "old", "unrelated", "x");

        for (var mode : TagMode.values()) {
            assertThat(plan(tags, mode)).isEqualTo(new TagDecision.Create(MT1));
        }
    }

    @Test
    void nextRevisionCountsUpFromTheLatest() throws Exception {
        var tags = Map.of("v1.98.3-mt.1", "a", "v1.98.3-mt.2", "b");

        assertThat(plan(tags, TagMode.NEXT_REVISION)).isEqualTo(new TagDecision.Create(MT1.next().next()));
    }

    @Test
    void automaticTaggingNeverCreatesALaterRevision() throws Exception {
        var decision = plan(Map.of("v1.98.3-mt.1", "a"), TagMode.AUTOMATIC);

        assertThat(decision).isInstanceOf(TagDecision.Skip.class);
        assertThat(((TagDecision.Skip) decision).reason()).contains("already released").contains("only creates mt.1");
    }

    @Test
    void automaticTaggingDoesNotReleaseAnOlderTailscale() throws Exception {
        var decision = plan(Map.of("v1.100.0-mt.1", "a"), TagMode.AUTOMATIC);

        assertThat(((TagDecision.Skip) decision).reason()).contains("older than the released v1.100.0-mt.1");
    }

    @Test
    void aTaggedHeadIsReusedOrLeftAlone() throws Exception {
        var tags = Map.of("v1.98.3-mt.1", "head");

        assertThat(plan(tags, TagMode.DEFAULT)).isEqualTo(new TagDecision.Reuse(MT1));
        assertThat(plan(tags, TagMode.AUTOMATIC)).isInstanceOf(TagDecision.Skip.class);
        assertThatThrownBy(() -> plan(tags, TagMode.NEXT_REVISION))
                .hasMessageContaining("HEAD is already released as v1.98.3-mt.1")
                .hasMessageContaining("needs a new commit");
    }

    @Test
    void anExistingReleaseOnAnotherCommitNeedsTheExplicitNextRevision() {
        assertThatThrownBy(() -> plan(Map.of("v1.98.3-mt.1", "other"), TagMode.DEFAULT))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("v1.98.3-mt.1 already exists on another commit")
                .hasMessageContaining("-Dtailscale.revision=next")
                .hasMessageContaining("v1.98.3-mt.2");
    }

    @Test
    void aHeadTaggedForAnotherTailscaleVersionIsRefused() {
        assertThatThrownBy(() -> plan(Map.of("v1.96.0-mt.2", "head"), TagMode.DEFAULT))
                .hasMessageContaining("HEAD is already released as v1.96.0-mt.2, but the pom pins Tailscale v1.98.3");
    }

    @Test
    void aDirtyWorkTreeIsRefused() {
        assertThatThrownBy(() -> TagPlanner.plan(V98, Map.of(), "head", List.of(" M image-project/pom.xml"),
                TagMode.AUTOMATIC))
                .hasMessageContaining("uncommitted changes ( M image-project/pom.xml)".replace("( ", "("))
                .hasMessageContaining("Commit or stash");
    }
}
