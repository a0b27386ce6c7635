package io.linkcast.model.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    @Test
    void shouldSolveTheStationaryEquationOfASymmetricProblem() {
        // x = {-1, +1} standardises to itself; by symmetry b = 0 and the optimum solves
        // d/dw [log(1+e^-w) + log(1+e^w) ... ] = 2 (sigmoid(w) - 1) + w = 0, i.e. w = 2 (1 - sigmoid(w))
        LogisticRegression m = LogisticRegression.fit(new double[][] {{-1}, {1}}, new boolean[] {false, true}, 1, false);
        double lo = 0;
        double hi = 2;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (mid - 2 * (1 - 1 / (1 + Math.exp(-mid))) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        assertThat(m.weights()[0]).isCloseTo(lo, within(1e-9));
        assertThat(m.intercept()).isCloseTo(0, within(1e-9));
        assertThat(m.probability(new double[] {1})).isCloseTo(1 / (1 + Math.exp(-lo)), within(1e-9));
    }

    @Test
    void shouldBalanceClassesSoThatAnUninformativeModelSaysOneHalf() {
        // a constant feature carries nothing: unbalanced, P = base rate 0.8; balanced, P = 0.5
        double[][] x = new double[10][];
        boolean[] y = new boolean[10];
        for (int i = 0; i < 10; i++) {
            x[i] = new double[] {3};
            y[i] = i < 8;
        }
        assertThat(LogisticRegression.fit(x, y, 1, false).probability(new double[] {3})).isCloseTo(0.8, within(1e-9));
        assertThat(LogisticRegression.fit(x, y, 1, true).probability(new double[] {3})).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void shouldRecoverTheDirectionOfARealSignalDeterministically() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 4000;
        double[][] x = new double[n][3];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = r.nextGaussian() * 100 + 50; // large scale: standardisation makes it harmless
            x[i][2] = r.nextGaussian();
            double logit = 2 * x[i][0] - 1 * x[i][2];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit));
        }
        LogisticRegression m = LogisticRegression.fit(x, y, 1, false);
        assertThat(m.weights()[0]).isCloseTo(2, within(0.25));
        assertThat(m.weights()[1]).isCloseTo(0, within(0.15));
        assertThat(m.weights()[2]).isCloseTo(-1, within(0.2));
        assertThat(LogisticRegression.fit(x, y, 1, false)).isEqualTo(m);
    }

    @Test
    void shouldRefuseDataWithOneClass() {
        assertThatThrownBy(() -> LogisticRegression.fit(new double[][] {{1}, {2}}, new boolean[] {true, true}, 1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both classes");
    }
}
