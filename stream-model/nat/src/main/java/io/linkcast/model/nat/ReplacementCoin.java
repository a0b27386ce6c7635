package io.linkcast.model.nat;

/**
 * NAT's replacement coin (nat-spec.md §1.4) drawn from a seeded hash of (event position, node, hop, slot,
 * candidate key) instead of a shared generator, so a replay, a restart or a different batch split makes the
 * same decisions (architecture contract 4). The candidate key is part of the hash so that two candidates
 * of one event aimed at the same slot get independent coins.
 */
public final class ReplacementCoin {
    private final long seed;
    private final double alpha;

    /**
     * @param seed seed of the coin
     * @param alpha probability that a candidate replaces a different occupant, in [0, 1]
     */
    public ReplacementCoin(long seed, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        this.seed = seed;
        this.alpha = alpha;
    }

    /** A uniform draw in [0, 1) determined by its arguments. */
    public double uniform(long seq, long node, int hop, int slot, long key) {
        long h = SlotHash.Mix64.mix(seed ^ 0x243F6A8885A308D3L);
        h = SlotHash.Mix64.mix(h ^ seq);
        h = SlotHash.Mix64.mix(h ^ node);
        h = SlotHash.Mix64.mix(h ^ (((long) hop << 32) | (slot & 0xffffffffL)));
        h = SlotHash.Mix64.mix(h ^ key);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Whether the candidate {@code key} replaces a different occupant of {@code slot}: true with probability α. */
    public boolean replaces(long seq, long node, int hop, int slot, long key) {
        return alpha >= 1 || (alpha > 0 && uniform(seq, node, hop, slot, key) < alpha);
    }
}
