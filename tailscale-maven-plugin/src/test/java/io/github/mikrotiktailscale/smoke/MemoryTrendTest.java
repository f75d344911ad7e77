package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class MemoryTrendTest {

    /** Ten minutes, a sample every 5 s. */
    private static List<MemoryTrend.Sample> curve(DoubleUnaryOperator megabytesAtMinute) {
        var samples = new ArrayList<MemoryTrend.Sample>();
        for (int s = 0; s <= 600; s += 5) {
            samples.add(new MemoryTrend.Sample(s, megabytesAtMinute.applyAsDouble(s / 60.0)));
        }
        return samples;
    }

    @Test
    void aSteadyClimbIsALeak() {
        var trend = MemoryTrend.of(curve(m -> 30 + 1.5 * m), 2, 5, 0.5);

        assertThat(trend.leak()).isTrue();
        assertThat(trend.growthMb()).isCloseTo(12, org.assertj.core.data.Offset.offset(0.5));
        assertThat(trend.slopeMbPerMinute()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(trend.describe()).contains("LEAK-SHAPED");
    }

    @Test
    void aStepUpThatStaysFlatIsNoLeak() {
        // the first bursts grow the heap to a larger steady size, then nothing more
        var trend = MemoryTrend.of(curve(m -> m < 3 ? 30 : 60), 2, 5, 0.5);

        assertThat(trend.growthMb()).isEqualTo(30);
        assertThat(trend.leak()).isFalse();
    }

    @Test
    void burstsOnAFlatBaseAreNoLeak() {
        var trend = MemoryTrend.of(curve(m -> (int) (m * 2) % 2 == 0 ? 30 : 90), 2, 5, 0.5);

        assertThat(trend.leak()).isFalse();
        assertThat(trend.describe()).contains("no leak");
    }

    @Test
    void aSlowRiseWithinTheAllowedGrowthIsNoLeak() {
        var trend = MemoryTrend.of(curve(m -> 30 + 0.3 * m), 2, 5, 0.5);

        assertThat(trend.leak()).isFalse();
    }

    @Test
    void aRunShorterThanBothEdgesIsRefusedWithWhatToDo() {
        var samples = curve(m -> 30).subList(0, 30); // 145 s

        assertThatThrownBy(() -> MemoryTrend.of(samples, 2, 5, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("145 s")
                .hasMessageContaining("run longer");
    }
}
