package io.linkcast.model.eval;

/**
 * Seeded, stateless hashing for every random choice of the harness (architecture contract 4): a draw is a
 * pure function of (seed, purpose, event position, slot), so it can be recomputed anywhere, in any order,
 * on any machine, without sharing a generator.
 *
 * <p>The mixer is SplitMix64's finaliser applied once per input word, which passes BigCrush as a
 * generator and is far stronger than needed to pick negatives.
 */
public final class EventHash {
    /** Purpose tags, so draws for different jobs never coincide. */
    public static final long LINK_NEGATIVE = 0x4c494e4bL;
    public static final long RANDOM_RANKING = 0x524e444dL;
    public static final long HISTORICAL_RANKING = 0x48495354L;
    public static final long RANKING_SAMPLE = 0x53414d50L;
    public static final long INDUCTIVE_MASK = 0x4d41534bL;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private EventHash() {
    }

    /** A 64-bit hash of the four words; all 64 bits are well mixed. */
    public static long mix(long seed, long purpose, long a, long b) {
        long h = splitMix(seed);
        h = splitMix(h ^ purpose);
        h = splitMix(h ^ a);
        return splitMix(h ^ b);
    }

    /** A uniform index in [0, n) from a hash (bias below n / 2^64). */
    public static int index(long hash, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, got " + n);
        }
        return (int) Long.remainderUnsigned(hash, n);
    }

    static long splitMix(long x) {
        long z = x + GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
