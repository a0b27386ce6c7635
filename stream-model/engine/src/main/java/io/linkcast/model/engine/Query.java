package io.linkcast.model.engine;

/** A read-only question: how likely is src → dst at time t, given the current state. */
public record Query(long src, long dst, double t) {
    public Query {
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("t must be finite, got " + t);
        }
    }
}
