package io.linkcast.model.nat;

import io.linkcast.model.engine.SequencedEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * NAT's negative sampler (nat-spec.md §4): for each positive (u, v, t) a destination drawn uniformly, with
 * replacement, from the destinations seen so far (this event's included, so the pool is never empty), from
 * a seeded generator. Draws happen in stream order, so they do not depend on how a batch is cut into waves.
 */
final class DestinationPool {
    private final List<Long> pool = new ArrayList<>();
    private final Set<Long> seen = new HashSet<>();
    private final SplittableRandom random;

    DestinationPool(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Adds the destinations of {@code events} without drawing (a split that precedes the sampled one). */
    void addAll(List<SequencedEvent> events) {
        for (SequencedEvent e : events) {
            add(e.event().dst());
        }
    }

    private void add(long dst) {
        if (seen.add(dst)) {
            pool.add(dst);
        }
    }

    /** One negative destination per event of {@code batch}, in order. */
    long[] negativesFor(List<SequencedEvent> batch) {
        long[] out = new long[batch.size()];
        for (int i = 0; i < out.length; i++) {
            add(batch.get(i).event().dst());
            out[i] = pool.get(random.nextInt(pool.size()));
        }
        return out;
    }
}
