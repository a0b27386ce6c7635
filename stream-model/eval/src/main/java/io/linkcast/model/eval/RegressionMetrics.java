package io.linkcast.model.eval;

/** Metrics of a real-valued prediction (signed weight). */
public final class RegressionMetrics {
    private RegressionMetrics() {
    }

    /** Root mean squared error; NaN for an empty sample. */
    public static double rmse(double[] predicted, double[] actual) {
        check(predicted, actual);
        if (actual.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = predicted[i] - actual[i];
            s += d * d;
        }
        return Math.sqrt(s / actual.length);
    }

    /** RMSE of predicting the constant {@code mean} for every item. */
    public static double rmseOfConstant(double mean, double[] actual) {
        double[] p = new double[actual.length];
        java.util.Arrays.fill(p, mean);
        return rmse(p, actual);
    }

    /** Pearson correlation; NaN when either side has zero variance or fewer than two items. */
    public static double pearson(double[] x, double[] y) {
        check(x, y);
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = Stats.mean(x);
        double my = Stats.mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static void check(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("samples differ in length: " + a.length + "/" + b.length);
        }
    }
}
