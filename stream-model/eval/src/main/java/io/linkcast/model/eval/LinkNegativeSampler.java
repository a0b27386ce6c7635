package io.linkcast.model.eval;

import java.util.Arrays;

/**
 * One negative destination per positive, NAT's protocol: for positive (u, v, t) the negative is (u, w, t)
 * with w uniform, with replacement, over the pool of destinations seen up to the split
 * ({@link Split#destinationPool}); w is not checked against true edges (as in NAT). The draw for an event
 * is a pure function of (seed, seq), so the trainer, the evaluator and the live metrics agree.
 */
public final class LinkNegativeSampler {
    private final long[] pool;
    private final long seed;

    public LinkNegativeSampler(long[] pool, long seed) {
        if (pool.length == 0) {
            throw new IllegalArgumentException("the negative pool is empty: no destination seen yet");
        }
        this.pool = pool.clone();
        this.seed = seed;
    }

    /** The negative destination of the event at stream position {@code seq}. */
    public long negative(long seq) {
        return pool[EventHash.index(EventHash.mix(seed, EventHash.LINK_NEGATIVE, seq, 0), pool.length)];
    }

    public int poolSize() {
        return pool.length;
    }

    @Override
    public String toString() {
        return "LinkNegativeSampler[pool=" + pool.length + ", seed=" + seed + ", first="
                + Arrays.toString(Arrays.copyOf(pool, Math.min(3, pool.length))) + "]";
    }
}
