package io.linkcast.model.nat;

/**
 * When to stop training and which epoch to keep, from the validation AP of each epoch. The kept epoch is the one
 * with the highest AP; training stops after {@code patience} epochs in a row without a relative gain above
 * {@code tolerance} over the best so far. The tolerance only decides when to stop: before, an epoch had to beat
 * the best by the tolerance to be kept, so a better later epoch was dropped (Enron seed 2 and UCI seed 3 kept
 * epoch 1 although a later epoch validated higher).
 *
 * <p>An epoch whose AP is NaN (no validation) is kept and counts as a gain, so training without validation
 * keeps its last epoch.
 */
final class EarlyStopping {
    private final int patience;
    private final double tolerance;
    private double bestAp = Double.NEGATIVE_INFINITY;
    private boolean any;
    private int withoutGain;

    EarlyStopping(int patience, double tolerance) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
        this.patience = patience;
        this.tolerance = tolerance;
    }

    /** What to do after an epoch that validated at {@code ap}. */
    Verdict observe(double ap) {
        boolean first = !any;
        any = true;
        if (Double.isNaN(ap)) {
            withoutGain = 0;
            return new Verdict(true, false);
        }
        boolean gain = first || (ap - bestAp) / Math.max(Math.abs(bestAp), 1e-12) > tolerance;
        boolean keep = first || ap > bestAp;
        if (keep) {
            bestAp = ap;
        }
        withoutGain = gain ? 0 : withoutGain + 1;
        return new Verdict(keep, withoutGain >= patience);
    }

    /**
     * @param keep these weights are the best so far: keep them
     * @param stop stop training after this epoch
     */
    record Verdict(boolean keep, boolean stop) {
    }
}
