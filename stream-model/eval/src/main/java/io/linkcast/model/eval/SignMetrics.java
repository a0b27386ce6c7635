package io.linkcast.model.eval;

/**
 * Thresholded metrics of sign prediction. {@code pPositive[i]} is the predicted P(sign = +1) of event i and
 * {@code positive[i]} its true sign; an event is predicted positive when {@code pPositive >= threshold}.
 * F1 with no predicted and no true member of a class is 0 (scikit-learn's {@code zero_division=0}).
 */
public final class SignMetrics {
    private SignMetrics() {
    }

    /** F1 of the positive class. */
    public static double f1Positive(double[] pPositive, boolean[] positive, double threshold) {
        int[] c = confusion(pPositive, positive, threshold);
        return f1(c[0], c[1], c[2]);
    }

    /** F1 of the negative class (sign -1 is the class of interest). */
    public static double f1Negative(double[] pPositive, boolean[] positive, double threshold) {
        int[] c = confusion(pPositive, positive, threshold);
        return f1(c[3], c[2], c[1]);
    }

    /** The unweighted mean of the F1 of both classes. */
    public static double macroF1(double[] pPositive, boolean[] positive, double threshold) {
        int[] c = confusion(pPositive, positive, threshold);
        return (f1(c[0], c[1], c[2]) + f1(c[3], c[2], c[1])) / 2;
    }

    /** ROC-AUC of P(+) against the true sign. */
    public static double rocAuc(double[] pPositive, boolean[] positive) {
        return BinaryMetrics.rocAuc(pPositive, positive);
    }

    /** PR-AUC (average precision) of the negative class, scored by 1 - P(+). */
    public static double prAucNegative(double[] pPositive, boolean[] positive) {
        return BinaryMetrics.averagePrecision(negate(pPositive), not(positive));
    }

    /**
     * The threshold that maximises macro-F1 on this sample (to be chosen on validation only). Candidates are
     * the distinct predicted values (predict + when p >= value) and +infinity (everything negative); the
     * first best going from the highest candidate down is kept. O(n log n).
     */
    public static double bestMacroF1Threshold(double[] pPositive, boolean[] positive) {
        BinaryMetrics.check(pPositive, positive);
        int n = pPositive.length;
        int totalPos = 0;
        for (boolean b : positive) {
            if (b) {
                totalPos++;
            }
        }
        int totalNeg = n - totalPos;
        // start with the threshold above every score: all predicted negative
        double best = macroFromCounts(0, 0, totalPos, totalNeg);
        double bestThreshold = Double.POSITIVE_INFINITY;
        int[] order = BinaryMetrics.descending(pPositive);
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < n; i++) {
            if (positive[order[i]]) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfGroup = i + 1 == n || pPositive[order[i + 1]] != pPositive[order[i]];
            if (lastOfGroup) {
                double m = macroFromCounts(tp, fp, totalPos - tp, totalNeg - fp);
                if (m > best) {
                    best = m;
                    bestThreshold = pPositive[order[i]];
                }
            }
        }
        return bestThreshold;
    }

    /** counts: {tp, fp, fn, tn} with + as the positive class. */
    private static int[] confusion(double[] p, boolean[] positive, double threshold) {
        BinaryMetrics.check(p, positive);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < p.length; i++) {
            boolean predicted = p[i] >= threshold;
            if (predicted && positive[i]) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (positive[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new int[] {tp, fp, fn, tn};
    }

    private static double macroFromCounts(int tp, int fp, int fn, int tn) {
        return (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2;
    }

    /** F1 = 2TP / (2TP + FP + FN), 0 when the denominator is 0. */
    static double f1(int tp, int fp, int fn) {
        int d = 2 * tp + fp + fn;
        return d == 0 ? 0 : 2.0 * tp / d;
    }

    private static double[] negate(double[] p) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = 1 - p[i];
        }
        return out;
    }

    private static boolean[] not(boolean[] b) {
        boolean[] out = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = !b[i];
        }
        return out;
    }
}
