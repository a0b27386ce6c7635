package io.linkcast.model.baseline;

import java.util.Arrays;

/**
 * A fitted L2-regularised logistic regression on standardised features.
 *
 * <p>{@link #fit} minimises {@code sum_i c_i · logloss(y_i, sigmoid(b + w·z_i)) + (l2 / 2) ||w||^2}, where
 * {@code z} are the features standardised with the training mean and (population) standard deviation, the
 * intercept b is not penalised, and {@code c_i = n / (2 n_class(i))} when class-balanced (scikit-learn's
 * {@code class_weight="balanced"}), else 1; {@code l2 = 1} is scikit-learn's default {@code C = 1}. It uses
 * Newton's method with step halving, which is deterministic and converges in a few iterations for this
 * convex problem.
 *
 * @param mean per-feature training mean
 * @param scale per-feature training standard deviation (1 where it is 0, so a constant feature is ignored)
 * @param weights coefficients of the standardised features
 * @param intercept the bias
 */
public record LogisticRegression(double[] mean, double[] scale, double[] weights, double intercept) {
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

    public LogisticRegression {
        if (mean.length != scale.length || mean.length != weights.length) {
            throw new IllegalArgumentException("mean, scale and weights differ in length: " + mean.length + "/"
                    + scale.length + "/" + weights.length);
        }
        for (double s : scale) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("scales must be positive and finite, got " + s);
            }
        }
        mean = mean.clone();
        scale = scale.clone();
        weights = weights.clone();
    }

    /** A model that ignores its {@code dimension} features and predicts 1/2. */
    public static LogisticRegression zero(int dimension) {
        double[] ones = new double[dimension];
        Arrays.fill(ones, 1);
        return new LogisticRegression(new double[dimension], ones, new double[dimension], 0);
    }

    public int dimension() {
        return weights.length;
    }

    /** P(y = true | x). */
    public double probability(double[] x) {
        if (x.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " features, got " + x.length);
        }
        double a = intercept;
        for (int j = 0; j < x.length; j++) {
            a += weights[j] * (x[j] - mean[j]) / scale[j];
        }
        return sigmoid(a);
    }

    /**
     * Fits the model.
     *
     * @param x rows of features (n × p), finite
     * @param y labels
     * @param l2 ridge strength on the standardised coefficients, {@code >= 0}
     * @param balanced weight each class by {@code n / (2 n_class)}
     * @throws IllegalArgumentException if a class is missing or an input is malformed
     */
    public static LogisticRegression fit(double[][] x, boolean[] y, double l2, boolean balanced) {
        int n = x.length;
        if (n == 0 || n != y.length) {
            throw new IllegalArgumentException("need as many labels as rows (>0), got " + n + "/" + y.length);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
        }
        int p = x[0].length;
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("both classes are needed to fit, got " + positives + " positive of " + n);
        }
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (double[] row : x) {
            if (row.length != p) {
                throw new IllegalArgumentException("rows differ in length: " + row.length + " vs " + p);
            }
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("feature " + j + " is not finite: " + row[j]);
                }
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
        }
        for (int j = 0; j < p; j++) {
            double sd = Math.sqrt(scale[j] / n);
            scale[j] = sd > 1e-12 ? sd : 1;
        }
        // design matrix with the intercept as the last column
        double[][] z = new double[n][p + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
            z[i][p] = 1;
        }
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = balanced ? n / (2.0 * (y[i] ? positives : n - positives)) : 1;
        }
        double[] beta = new double[p + 1];
        double objective = objective(z, y, c, beta, l2);
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double[] grad = new double[p + 1];
            double[][] hess = new double[p + 1][p + 1];
            for (int i = 0; i < n; i++) {
                double mu = sigmoid(dot(z[i], beta));
                double r = c[i] * (mu - (y[i] ? 1 : 0));
                double w = c[i] * mu * (1 - mu);
                for (int a = 0; a <= p; a++) {
                    grad[a] += r * z[i][a];
                    double wa = w * z[i][a];
                    for (int b = 0; b <= a; b++) {
                        hess[a][b] += wa * z[i][b];
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                grad[a] += l2 * beta[a];
                hess[a][a] += l2;
            }
            for (int a = 0; a <= p; a++) {
                hess[a][a] += 1e-12; // keeps the factorisation defined on separable data with l2 = 0
                for (int b = 0; b < a; b++) {
                    hess[b][a] = hess[a][b];
                }
            }
            double[] step = Cholesky.solve(hess, grad);
            double t = 1;
            double[] next = new double[p + 1];
            double nextObjective;
            while (true) {
                for (int a = 0; a <= p; a++) {
                    next[a] = beta[a] - t * step[a];
                }
                nextObjective = objective(z, y, c, next, l2);
                if (nextObjective <= objective || t < 1e-8) {
                    break;
                }
                t /= 2;
            }
            double moved = 0;
            for (int a = 0; a <= p; a++) {
                moved = Math.max(moved, Math.abs(next[a] - beta[a]));
            }
            beta = next.clone();
            objective = nextObjective;
            if (moved < TOLERANCE) {
                break;
            }
        }
        return new LogisticRegression(mean, scale, Arrays.copyOf(beta, p), beta[p]);
    }

    private static double objective(double[][] z, boolean[] y, double[] c, double[] beta, double l2) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            double a = dot(z[i], beta);
            // log(1 + e^a) - y a, computed without overflow
            double softplus = a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
            s += c[i] * (softplus - (y[i] ? a : 0));
        }
        double r = 0;
        for (int a = 0; a < beta.length - 1; a++) {
            r += beta[a] * beta[a];
        }
        return s + l2 / 2 * r;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double sigmoid(double a) {
        if (a >= 0) {
            return 1 / (1 + Math.exp(-a));
        }
        double e = Math.exp(a);
        return e / (1 + e);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogisticRegression m && Arrays.equals(mean, m.mean) && Arrays.equals(scale, m.scale)
                && Arrays.equals(weights, m.weights) && Double.compare(intercept, m.intercept) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) + 31 * (Arrays.hashCode(scale) + 31 * (Arrays.hashCode(weights)
                + 31 * Double.hashCode(intercept)));
    }

    @Override
    public String toString() {
        return "LogisticRegression[weights=" + Arrays.toString(weights) + ", intercept=" + intercept + "]";
    }
}
