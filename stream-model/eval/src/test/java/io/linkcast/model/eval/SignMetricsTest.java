package io.linkcast.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SignMetricsTest {
    private static final double[] P = {0.9, 0.8, 0.3, 0.2, 0.6};
    private static final boolean[] POSITIVE = {true, true, false, false, false};

    @Test
    void shouldComputeF1OfBothClassesAtAThreshold() {
        // threshold .5: predicted + for .9 .8 .6 -> tp 2, fp 1, fn 0, tn 2
        // F1(+) = 2*2 / (4 + 1 + 0) = .8; F1(-) = 2*2 / (4 + 0 + 1) = .8
        assertThat(SignMetrics.f1Positive(P, POSITIVE, 0.5)).isCloseTo(0.8, within(1e-12));
        assertThat(SignMetrics.f1Negative(P, POSITIVE, 0.5)).isCloseTo(0.8, within(1e-12));
        assertThat(SignMetrics.macroF1(P, POSITIVE, 0.5)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void shouldChooseTheThresholdThatMaximisesMacroF1() {
        // .9 -> macro (2/3 + 6/7)/2; .8 -> perfect split, macro 1; .6 -> .8 (above)
        assertThat(SignMetrics.bestMacroF1Threshold(P, POSITIVE)).isEqualTo(0.8);
        assertThat(SignMetrics.macroF1(P, POSITIVE, 0.8)).isEqualTo(1.0);
    }

    @Test
    void shouldPredictTheMajorityWhenEveryScoreIsEqual() {
        double[] p = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        boolean[] y = {true, true, true, true, true, true, true, true, true, false};
        // all +: F1(+) = 18/19, F1(-) = 0; all -: F1(+) = 0, F1(-) = 2/11. All + wins.
        double t = SignMetrics.bestMacroF1Threshold(p, y);
        assertThat(t).isEqualTo(0.5);
        assertThat(SignMetrics.macroF1(p, y, t)).isCloseTo(18 / 19.0 / 2, within(1e-12));
        assertThat(SignMetrics.rocAuc(p, y)).isEqualTo(0.5);
    }

    @Test
    void shouldScoreTheNegativeClassByOneMinusP() {
        // 1 - p = .1 .2 .7 .8 .4 and the three negatives hold the three highest: AP of negatives = 1
        assertThat(SignMetrics.prAucNegative(P, POSITIVE)).isEqualTo(1.0);
        // with no negative at all the PR-AUC of negatives is undefined
        assertThat(SignMetrics.prAucNegative(new double[] {0.2, 0.9}, new boolean[] {true, true})).isNaN();
    }
}
