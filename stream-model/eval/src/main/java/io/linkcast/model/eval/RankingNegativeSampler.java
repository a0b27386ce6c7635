package io.linkcast.model.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The candidate negatives of a TGB-style ranking query (evaluation.md, "Ranking"): for positive (u, v, t),
 * {@code count} distinct random destinations from the pool, and {@code count} distinct historical
 * destinations: nodes u sent to before t but not at t (Poursafaei et al., NeurIPS 2022), topped up with
 * random ones when u's history is too short.
 *
 * <p>Both sets exclude the true destination and every destination u reaches at exactly t (true edges are
 * never counted as negatives, as in TGB). Every draw is a pure function of (seed, seq, slot) or, for the
 * subsample of a long history, of (seed, seq, candidate), so the sets can be recomputed anywhere. When the
 * pool has fewer eligible nodes than {@code count}, every eligible node is used and the query has fewer
 * negatives.
 */
public final class RankingNegativeSampler {
    private final long[] pool;
    private final long seed;
    private final int count;

    public RankingNegativeSampler(long[] pool, long seed, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        this.pool = pool.clone();
        this.seed = seed;
        this.count = count;
    }

    /** Random negatives for the event at {@code seq}; {@code excluded} holds the true destination(s). */
    public long[] random(long seq, Set<Long> excluded) {
        Set<Long> chosen = new LinkedHashSet<>();
        fill(seq, EventHash.RANDOM_RANKING, excluded, chosen);
        return toArray(chosen);
    }

    /**
     * Historical negatives for the event at {@code seq}: {@code pastDestinations} are the distinct nodes the
     * source sent to before this event; {@code excluded} the true destination(s) at this time.
     */
    public long[] historical(long seq, long[] pastDestinations, Set<Long> excluded) {
        Long[] eligible = Arrays.stream(pastDestinations).filter(w -> !excluded.contains(w)).boxed()
                .toArray(Long[]::new);
        Set<Long> chosen = new LinkedHashSet<>();
        if (eligible.length > count) {
            // bottom-k by a per-candidate hash: a uniform sample without replacement, independent of order
            Arrays.sort(eligible, Comparator
                    .comparingLong((Long w) -> EventHash.mix(seed, EventHash.HISTORICAL_RANKING, seq, w))
                    .thenComparingLong(Long::longValue));
            chosen.addAll(Arrays.asList(eligible).subList(0, count));
            return toArray(chosen);
        }
        chosen.addAll(Arrays.asList(eligible));
        fill(seq, EventHash.HISTORICAL_RANKING, excluded, chosen);
        return toArray(chosen);
    }

    public int count() {
        return count;
    }

    private void fill(long seq, long purpose, Set<Long> excluded, Set<Long> chosen) {
        int missing = count - chosen.size();
        // a lower bound on the eligible nodes decides cheaply in the common case (a large pool)
        int eligible = pool.length - excluded.size() - chosen.size();
        if (eligible <= missing) {
            eligible = 0;
            for (long w : pool) {
                if (!excluded.contains(w) && !chosen.contains(w)) {
                    eligible++;
                }
            }
        }
        if (eligible <= missing) {
            for (long w : pool) {
                if (!excluded.contains(w)) {
                    chosen.add(w);
                }
            }
            return;
        }
        // eligible > missing, so rejection sampling ends
        for (long slot = 0; chosen.size() < count; slot++) {
            long w = pool[EventHash.index(EventHash.mix(seed, purpose, seq, slot), pool.length)];
            if (!excluded.contains(w)) {
                chosen.add(w);
            }
        }
    }

    private static long[] toArray(Set<Long> set) {
        return set.stream().mapToLong(Long::longValue).toArray();
    }
}
