package io.linkcast.model.eval;

import java.util.ArrayList;
import java.util.List;

/** ROC and precision-recall curves of a {@link ScoredSample}, one point per distinct score threshold. */
public final class Curves {
    private Curves() {
    }

    /** ROC: {fpr[], tpr[]} from (0, 0) to (1, 1); empty arrays if a class is missing. */
    public static double[][] roc(ScoredSample sample) {
        double[] s = sample.scores();
        boolean[] y = sample.labels();
        int pos = 0;
        for (boolean b : y) {
            pos += b ? 1 : 0;
        }
        int neg = y.length - pos;
        if (pos == 0 || neg == 0) {
            return new double[][] {new double[0], new double[0]};
        }
        int[] order = BinaryMetrics.descending(s);
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[] {0, 0});
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < order.length; i++) {
            if (y[order[i]]) {
                tp++;
            } else {
                fp++;
            }
            if (i + 1 == order.length || s[order[i + 1]] != s[order[i]]) {
                pts.add(new double[] {(double) fp / neg, (double) tp / pos});
            }
        }
        return columns(pts);
    }

    /**
     * Precision-recall: {recall[], precision[]}, one point per threshold from the highest score down,
     * starting at (0, precision of the first threshold) as scikit-learn draws it; empty if no positive.
     */
    public static double[][] precisionRecall(ScoredSample sample) {
        double[] s = sample.scores();
        boolean[] y = sample.labels();
        int pos = 0;
        for (boolean b : y) {
            pos += b ? 1 : 0;
        }
        if (pos == 0) {
            return new double[][] {new double[0], new double[0]};
        }
        int[] order = BinaryMetrics.descending(s);
        List<double[]> pts = new ArrayList<>();
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < order.length; i++) {
            if (y[order[i]]) {
                tp++;
            } else {
                fp++;
            }
            if (i + 1 == order.length || s[order[i + 1]] != s[order[i]]) {
                double precision = (double) tp / (tp + fp);
                if (pts.isEmpty()) {
                    pts.add(new double[] {0, precision});
                }
                pts.add(new double[] {(double) tp / pos, precision});
            }
        }
        return columns(pts);
    }

    /** At most {@code max} points of a curve (evenly spaced, keeping both ends), for plotting. */
    public static double[][] thin(double[][] curve, int max) {
        int n = curve[0].length;
        if (n <= max) {
            return curve;
        }
        double[] x = new double[max];
        double[] y = new double[max];
        for (int k = 0; k < max; k++) {
            int i = (int) Math.round((double) k * (n - 1) / (max - 1));
            x[k] = curve[0][i];
            y[k] = curve[1][i];
        }
        return new double[][] {x, y};
    }

    private static double[][] columns(List<double[]> pts) {
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new double[][] {x, y};
    }
}
