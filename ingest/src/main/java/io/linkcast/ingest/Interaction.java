package io.linkcast.ingest;

import java.util.Objects;

/**
 * A validated interaction between two entities (architecture contract 1).
 *
 * <p>{@code src} and {@code dst} are the internal 64-bit ids ({@link NodeIds#internalId(String)});
 * {@code srcKey} and {@code dstKey} keep the external ids as text for explanations and top-k answers.
 *
 * @param srcKey external id of the source, as text
 * @param dstKey external id of the destination, as text
 * @param src internal id of the source
 * @param dst internal id of the destination
 * @param t event time in seconds, finite
 * @param sign +1 or -1, or 0 when the event carries no sign
 * @param weight finite weight, or {@link Double#NaN} when the event carries none
 * @param id the producer's event id, or null
 */
public record Interaction(
        String srcKey, String dstKey, long src, long dst, double t, int sign, double weight, String id) {

    public Interaction {
        Objects.requireNonNull(srcKey, "srcKey");
        Objects.requireNonNull(dstKey, "dstKey");
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("t must be finite, got " + t);
        }
        if (sign != 1 && sign != -1 && sign != 0) {
            throw new IllegalArgumentException("sign must be +1, -1 or 0 (absent), got " + sign);
        }
        if (Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be finite or NaN (absent), got " + weight);
        }
    }

    /** An interaction between external ids, mapped to internal ids with {@link NodeIds}. */
    public static Interaction of(String srcKey, String dstKey, double t, int sign, double weight, String id) {
        return new Interaction(srcKey, dstKey, NodeIds.internalId(srcKey), NodeIds.internalId(dstKey),
                t, sign, weight, id);
    }

    /** An unsigned, unweighted interaction. */
    public static Interaction of(String srcKey, String dstKey, double t) {
        return of(srcKey, dstKey, t, 0, Double.NaN, null);
    }

    public boolean hasSign() {
        return sign != 0;
    }

    public boolean hasWeight() {
        return !Double.isNaN(weight);
    }
}
