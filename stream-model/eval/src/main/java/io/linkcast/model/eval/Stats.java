package io.linkcast.model.eval;

/** Mean and spread over repeated runs (seeds). */
public final class Stats {
    private Stats() {
    }

    /** Arithmetic mean; NaN if empty or if any value is NaN. */
    public static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /**
     * Population standard deviation (divides by n, as NAT's result logger does); 0 for one value, NaN if
     * empty or if any value is NaN.
     */
    public static double std(double[] v) {
        double m = mean(v);
        if (Double.isNaN(m)) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }
}
