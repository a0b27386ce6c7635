package io.linkcast.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    // scikit-learn's documented example: average_precision_score -> 0.8333, roc_auc_score -> 0.75.
    // By hand: thresholds 0.8 (P=1, R=.5), 0.4 (R unchanged), 0.35 (P=2/3, R=1): AP = .5*1 + .5*2/3.
    // AUC: pairs (pos, neg) = (.35,.1) win, (.35,.4) lose, (.8,.1) win, (.8,.4) win -> 3/4.
    private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};
    private static final boolean[] LABELS = {false, false, true, true};

    @Test
    void shouldMatchHandWorkedValuesWhenScoresAreDistinct() {
        assertThat(BinaryMetrics.averagePrecision(SCORES, LABELS)).isCloseTo(0.5 + 0.5 * 2 / 3.0, within(1e-12));
        assertThat(BinaryMetrics.rocAuc(SCORES, LABELS)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void shouldGiveOneForPerfectRankingAndZeroAucForReversedRanking() {
        double[] s = {0.9, 0.8, 0.2, 0.1};
        boolean[] y = {true, true, false, false};
        assertThat(BinaryMetrics.averagePrecision(s, y)).isEqualTo(1.0);
        assertThat(BinaryMetrics.rocAuc(s, y)).isEqualTo(1.0);
        boolean[] reversed = {false, false, true, true};
        assertThat(BinaryMetrics.rocAuc(s, reversed)).isEqualTo(0.0);
        // positives found at ranks 3 and 4: AP = .5 * 1/3 + .5 * 2/4
        assertThat(BinaryMetrics.averagePrecision(s, reversed)).isCloseTo(0.5 / 3 + 0.25, within(1e-12));
    }

    @Test
    void shouldTreatTiedScoresAsOneThresholdWhateverTheInputOrder() {
        double[] s = {0.5, 0.5, 0.5, 0.5};
        assertThat(BinaryMetrics.rocAuc(s, new boolean[] {true, false, true, false})).isEqualTo(0.5);
        assertThat(BinaryMetrics.averagePrecision(s, new boolean[] {true, false, true, false})).isEqualTo(0.5);
        assertThat(BinaryMetrics.averagePrecision(s, new boolean[] {false, true, false, true})).isEqualTo(0.5);
        // a positive tied with a negative counts one half: pairs (.9,.5) = 1, (.5,.5) = .5
        assertThat(BinaryMetrics.rocAuc(new double[] {0.5, 0.5, 0.9}, new boolean[] {true, false, true}))
                .isEqualTo(0.75);
    }

    @Test
    void shouldBeAboutOneHalfForRandomScores() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 20000;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextDouble();
            y[i] = r.nextBoolean();
        }
        assertThat(BinaryMetrics.rocAuc(s, y)).isCloseTo(0.5, within(0.02));
        assertThat(BinaryMetrics.averagePrecision(s, y)).isCloseTo(0.5, within(0.02));
    }

    @Test
    void shouldAverageNatStyleBatchesIncludingTheShortLastOne() {
        // batch 1: pos {.9,.8}, neg {.1,.95}: AUC = 2/4; AP: .95(n) .9(p) .8(p) .1(n) -> .5*1/2 + .5*2/3
        // batch 2: pos {.3}, neg {.2}: AUC = AP = 1
        double[] means = BinaryMetrics.perBatchMean(new double[] {0.9, 0.8, 0.3}, new double[] {0.1, 0.95, 0.2}, 2);
        assertThat(means[0]).isCloseTo(((0.25 + 1 / 3.0) + 1) / 2, within(1e-12));
        assertThat(means[1]).isCloseTo((0.5 + 1) / 2, within(1e-12));
    }

    @Test
    void shouldReturnNaNWhenAClassIsMissingAndRejectNaNScores() {
        assertThat(BinaryMetrics.rocAuc(new double[] {0.1, 0.2}, new boolean[] {true, true})).isNaN();
        assertThat(BinaryMetrics.averagePrecision(new double[] {0.1, 0.2}, new boolean[] {false, false})).isNaN();
        assertThatThrownBy(() -> BinaryMetrics.rocAuc(new double[] {Double.NaN, 0.2}, new boolean[] {true, false}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }
}
