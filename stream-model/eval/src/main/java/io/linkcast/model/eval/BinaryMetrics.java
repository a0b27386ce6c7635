package io.linkcast.model.eval;

import java.util.Arrays;

/**
 * Threshold-free metrics of a binary scorer. Ties are handled as scikit-learn does: equal scores form one
 * threshold (AP) and share their mid-rank (ROC-AUC), so the input order never changes a result.
 */
public final class BinaryMetrics {
    private BinaryMetrics() {
    }

    /**
     * Average precision, {@code sum_n (R_n - R_{n-1}) P_n} over the distinct score thresholds taken from
     * the highest down (scikit-learn's {@code average_precision_score}). NaN when there is no positive.
     */
    public static double averagePrecision(double[] scores, boolean[] labels) {
        check(scores, labels);
        int[] order = descending(scores);
        int positives = count(labels);
        if (positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        double prevRecall = 0;
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < order.length; i++) {
            if (labels[order[i]]) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfGroup = i + 1 == order.length || scores[order[i + 1]] != scores[order[i]];
            if (lastOfGroup) {
                double recall = (double) tp / positives;
                ap += (recall - prevRecall) * ((double) tp / (tp + fp));
                prevRecall = recall;
            }
        }
        return ap;
    }

    /**
     * ROC-AUC as the Mann-Whitney statistic with mid-ranks for ties: the probability that a random positive
     * outscores a random negative, ties counting one half. NaN when a class is empty.
     */
    public static double rocAuc(double[] scores, boolean[] labels) {
        check(scores, labels);
        int n = scores.length;
        int positives = count(labels);
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        int[] order = ascending(scores);
        double rankSumPos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1; // ranks are 1-based
            for (int k = i; k <= j; k++) {
                if (labels[order[k]]) {
                    rankSumPos += midRank;
                }
            }
            i = j + 1;
        }
        return (rankSumPos - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * NAT's per-batch metric: positives and their negatives (aligned: {@code neg[i]} is the negative of
     * {@code pos[i]}) are cut into consecutive batches of {@code batch} positives (the last may be shorter);
     * AP and AUC are computed on each batch's positives plus negatives and averaged over batches.
     *
     * @return {AP, AUC}
     */
    public static double[] perBatchMean(double[] pos, double[] neg, int batch) {
        if (pos.length != neg.length) {
            throw new IllegalArgumentException("need one negative per positive, got " + pos.length + "/" + neg.length);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (pos.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double apSum = 0;
        double aucSum = 0;
        int batches = 0;
        for (int start = 0; start < pos.length; start += batch) {
            int end = Math.min(pos.length, start + batch);
            int m = end - start;
            double[] s = new double[2 * m];
            boolean[] y = new boolean[2 * m];
            for (int k = 0; k < m; k++) {
                s[k] = pos[start + k];
                y[k] = true;
                s[m + k] = neg[start + k];
            }
            apSum += averagePrecision(s, y);
            aucSum += rocAuc(s, y);
            batches++;
        }
        return new double[] {apSum / batches, aucSum / batches};
    }

    /** Concatenates positives (label true) and negatives (label false) into one scored sample. */
    public static ScoredSample concat(double[] pos, double[] neg) {
        double[] s = new double[pos.length + neg.length];
        boolean[] y = new boolean[s.length];
        System.arraycopy(pos, 0, s, 0, pos.length);
        System.arraycopy(neg, 0, s, pos.length, neg.length);
        Arrays.fill(y, 0, pos.length, true);
        return new ScoredSample(s, y);
    }

    static int[] descending(double[] scores) {
        int[] asc = ascending(scores);
        int n = asc.length;
        int[] desc = new int[n];
        for (int i = 0; i < n; i++) {
            desc[i] = asc[n - 1 - i];
        }
        return desc;
    }

    static int[] ascending(double[] scores) {
        return java.util.stream.IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> Double.compare(scores[a], scores[b]))
                .mapToInt(Integer::intValue).toArray();
    }

    private static int count(boolean[] labels) {
        int c = 0;
        for (boolean b : labels) {
            if (b) {
                c++;
            }
        }
        return c;
    }

    static void check(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + "/"
                    + labels.length);
        }
        for (double s : scores) {
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("a score is NaN; every scored item needs a finite score");
            }
        }
    }
}
