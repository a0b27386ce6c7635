package io.linkcast.model.nat;

import java.util.Arrays;

/**
 * Average precision of scores against binary labels, as scikit-learn's {@code average_precision_score}:
 * Σ_n (R_n − R_{n−1})·P_n over distinct score thresholds, highest first.
 *
 * <p>Only what early stopping needs. The evaluation harness ({@code io.linkcast.model.eval}, another branch)
 * owns the real metrics; once it is merged this should delegate to it.
 */
final class AveragePrecision {

    private AveragePrecision() {
    }

    /** AP of {@code scores}; {@code positive[i]} is the label of score i. NaN when there is no positive. */
    static double of(float[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + "/"
                    + positive.length);
        }
        for (int i = 0; i < scores.length; i++) {
            if (Float.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        int totalPositives = 0;
        for (boolean p : positive) {
            totalPositives += p ? 1 : 0;
        }
        if (totalPositives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        int truePositives = 0;
        int seen = 0;
        int i = 0;
        while (i < order.length) {
            // all scores equal to this one form one threshold
            float s = scores[order[i]];
            int tpBefore = truePositives;
            while (i < order.length && scores[order[i]] == s) {
                truePositives += positive[order[i]] ? 1 : 0;
                seen++;
                i++;
            }
            ap += (double) (truePositives - tpBefore) / totalPositives * truePositives / seen;
        }
        return ap;
    }
}
