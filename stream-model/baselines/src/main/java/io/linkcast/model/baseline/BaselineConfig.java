package io.linkcast.model.baseline;

/**
 * Settings of the baseline predictors.
 *
 * @param partners how many recent partners each node remembers (EdgeBank's memory, per node)
 * @param recencySeconds time scale of the EdgeBank recency score: a pair seen this long ago scores
 *     0.5 + 0.5/e
 * @param negativePrior prior share of negative signs, used to smooth the per-node fractions
 * @param priorWeight how many pseudo-events the prior is worth
 */
public record BaselineConfig(int partners, double recencySeconds, double negativePrior, double priorWeight) {
    public BaselineConfig {
        if (partners < 1 || partners > 1024) {
            throw new IllegalArgumentException("partners must be in 1..1024, got " + partners);
        }
        if (!(recencySeconds > 0) || Double.isInfinite(recencySeconds)) {
            throw new IllegalArgumentException("recencySeconds must be > 0 and finite, got " + recencySeconds);
        }
        if (!(negativePrior > 0 && negativePrior < 1)) {
            throw new IllegalArgumentException("negativePrior must be in (0, 1), got " + negativePrior);
        }
        if (!(priorWeight > 0) || Double.isInfinite(priorWeight)) {
            throw new IllegalArgumentException("priorWeight must be > 0 and finite, got " + priorWeight);
        }
    }

    public static BaselineConfig defaults() {
        return new BaselineConfig(32, 7 * 86_400.0, 0.1, 2.0);
    }
}
