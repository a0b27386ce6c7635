package io.linkcast.model.eval;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The numbers of one model on one split with one seed.
 *
 * @param model the model's name
 * @param seed the seed of the negatives (and of the inductive mask)
 * @param sizes the split's sizes
 * @param metrics every metric that applies to this model and dataset (see {@link Metric})
 * @param linkTest test link scores (positives true, their negatives false), or null if the model does not
 *     predict link existence
 * @param signTest test P(+) with the true sign (+ is true), or null if no sign was predicted or the data
 *     is unsigned
 * @param seconds wall time of the evaluation
 */
public record EvalResult(String model, long seed, SplitSizes sizes, Map<Metric, Double> metrics,
        ScoredSample linkTest, ScoredSample signTest, double seconds) {
    public EvalResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sizes, "sizes");
        EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
        copy.putAll(metrics);
        metrics = Collections.unmodifiableMap(copy);
    }

    /** The value of {@code m}, or NaN if it does not apply. */
    public double get(Metric m) {
        return metrics.getOrDefault(m, Double.NaN);
    }
}
