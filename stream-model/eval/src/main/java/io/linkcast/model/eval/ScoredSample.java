package io.linkcast.model.eval;

import java.util.Arrays;

/**
 * Scores with their binary labels (true = the class of interest), aligned.
 *
 * @param scores higher means more likely true
 * @param labels the truth
 */
public record ScoredSample(double[] scores, boolean[] labels) {
    public ScoredSample {
        BinaryMetrics.check(scores, labels);
        scores = scores.clone();
        labels = labels.clone();
    }

    public int size() {
        return scores.length;
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public boolean[] labels() {
        return labels.clone();
    }

    public double averagePrecision() {
        return BinaryMetrics.averagePrecision(scores, labels);
    }

    public double rocAuc() {
        return BinaryMetrics.rocAuc(scores, labels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoredSample other && Arrays.equals(scores, other.scores)
                && Arrays.equals(labels, other.labels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(scores) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "ScoredSample[n=" + scores.length + "]";
    }
}
