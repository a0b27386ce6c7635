package io.linkcast.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OtherMetricsTest {

    @Test
    void shouldAverageOptimisticAndPessimisticRanksAsTgb() {
        // one negative strictly higher, two tied: rank = 1 + 1 + 2/2
        assertThat(RankingMetrics.rank(0.5, new double[] {0.7, 0.5, 0.5, 0.1})).isEqualTo(3.0);
        assertThat(RankingMetrics.rank(0.9, new double[] {0.7, 0.5})).isEqualTo(1.0);
        double[] ranks = {1, 2, 4, 11};
        assertThat(RankingMetrics.mrr(ranks)).isCloseTo((1 + 0.5 + 0.25 + 1 / 11.0) / 4, within(1e-12));
        assertThat(RankingMetrics.hitsAt(ranks, 10)).isEqualTo(0.75);
        assertThat(RankingMetrics.mrr(new double[0])).isNaN();
    }

    @Test
    void shouldComputeRmseAndPearsonByHand() {
        assertThat(RegressionMetrics.rmse(new double[] {1, 2, 3}, new double[] {1, 2, 5}))
                .isCloseTo(Math.sqrt(4 / 3.0), within(1e-12));
        // dx = (-1, 0, 1), dy = (-1, 1, 0): sxy = 1, sxx = syy = 2 -> r = 1/2
        assertThat(RegressionMetrics.pearson(new double[] {1, 2, 3}, new double[] {1, 3, 2}))
                .isCloseTo(0.5, within(1e-12));
        assertThat(RegressionMetrics.pearson(new double[] {1, 2, 3}, new double[] {10, 8, 6}))
                .isCloseTo(-1, within(1e-12));
        assertThat(RegressionMetrics.pearson(new double[] {2, 2, 2}, new double[] {1, 2, 3})).isNaN();
        assertThat(RegressionMetrics.rmseOfConstant(2, new double[] {1, 3})).isEqualTo(1.0);
    }

    @Test
    void shouldGiveMeanAndPopulationStd() {
        assertThat(Stats.mean(new double[] {1, 2, 3, 4})).isEqualTo(2.5);
        assertThat(Stats.std(new double[] {1, 2, 3, 4})).isCloseTo(Math.sqrt(1.25), within(1e-12));
        assertThat(Stats.std(new double[] {0.7})).isEqualTo(0.0);
        assertThat(Stats.mean(new double[] {1, Double.NaN})).isNaN();
    }

    @Test
    void shouldTraceRocAndPrCurvesThroughEveryThreshold() {
        ScoredSample s = new ScoredSample(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});
        double[][] roc = Curves.roc(s);
        assertThat(roc[0]).containsExactly(0, 0, 0.5, 0.5, 1);
        assertThat(roc[1]).containsExactly(0, 0.5, 0.5, 1, 1);
        double[][] pr = Curves.precisionRecall(s);
        assertThat(pr[0]).containsExactly(0, 0.5, 0.5, 1, 1);
        assertThat(pr[1]).containsExactly(1, 1, 0.5, 2 / 3.0, 0.5);
    }
}
