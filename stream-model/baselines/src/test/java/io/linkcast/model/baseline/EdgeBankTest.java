package io.linkcast.model.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EdgeBankTest {

    @Test
    void shouldScoreAnEdgeNeverSeenAsNaNUnderEitherRule() {
        assertThat(EdgeBank.window(10).score(Double.NaN, 5)).isNaN();
        assertThat(EdgeBank.recency(10).score(Double.NaN, 5)).isNaN();
    }

    @Test
    void shouldScoreOneWithinTheWindowAndZeroAfterIt() {
        EdgeBank tw = EdgeBank.window(5);
        assertThat(tw.score(10, 15)).isEqualTo(1.0);
        assertThat(tw.score(10, 15.001)).isEqualTo(0.0);
        assertThat(EdgeBank.window(Double.POSITIVE_INFINITY).score(0, 1e12)).isEqualTo(1.0);
    }

    @Test
    void shouldDecayFromOneTowardsOneHalfWithTheRecencyScale() {
        EdgeBank recency = EdgeBank.recency(100);
        assertThat(recency.score(50, 50)).isEqualTo(1.0);
        assertThat(recency.score(50, 150)).isCloseTo(0.5 + 0.5 / Math.E, within(1e-12));
        assertThat(recency.score(0, 1e9)).isGreaterThanOrEqualTo(0.5).isLessThan(0.5 + 1e-9);
    }

    @Test
    void shouldCountALateEventAsJustSeen() {
        assertThat(EdgeBank.recency(100).score(50, 20)).isEqualTo(1.0);
        assertThat(EdgeBank.window(0).score(50, 20)).isEqualTo(1.0);
    }

    @Test
    void shouldRejectScalesThatMeanNothing() {
        assertThatThrownBy(() -> EdgeBank.window(-1)).hasMessageContaining("window must be >= 0");
        assertThatThrownBy(() -> EdgeBank.window(Double.NaN)).hasMessageContaining("window");
        assertThatThrownBy(() -> EdgeBank.recency(0)).hasMessageContaining("recency must be > 0");
        assertThatThrownBy(() -> EdgeBank.recency(Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
    }
}
