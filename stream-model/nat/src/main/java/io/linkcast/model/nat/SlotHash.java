package io.linkcast.model.nat;

/**
 * Maps a neighbour id to its slot in an N-cache of {@code capacity} slots (a power of two).
 */
public sealed interface SlotHash permits SlotHash.Original, SlotHash.Mix64 {

    int slot(long key, int capacity);

    /** The hash {@code config} selects. */
    static SlotHash of(NatConfig config) {
        return config.hashing() == NatConfig.Hashing.ORIGINAL ? new Original(Math.floorMod(config.hashSeed(), 100))
                : new Mix64(config.hashSeed());
    }

    /**
     * The original {@code (w·a + w²·(a+1)) mod M} in wrapping int64 arithmetic, as the Python computes it on
     * int64 tensors (nat-spec.md §1.3). Only a permutation of the residues when a is odd.
     *
     * @param a the multiplier, in [0, 99]
     */
    record Original(long a) implements SlotHash {
        public Original {
            if (a < 0 || a > 99) {
                throw new IllegalArgumentException("original hash multiplier must be in [0, 99], got " + a);
            }
        }

        @Override
        public int slot(long key, int capacity) {
            return (int) Math.floorMod(key * a + key * key * (a + 1), (long) capacity);
        }
    }

    /** Murmur3's 64-bit finaliser of {@code key ^ seed}; the low bits pick the slot, so every slot is reachable. */
    record Mix64(long seed) implements SlotHash {
        @Override
        public int slot(long key, int capacity) {
            return (int) (mix(key ^ seed) & (capacity - 1));
        }

        /** A bijective avalanche of 64 bits (murmur3 fmix64). */
        static long mix(long z) {
            z ^= z >>> 33;
            z *= 0xff51afd7ed558ccdL;
            z ^= z >>> 33;
            z *= 0xc4ceb9fe1a85ec53L;
            z ^= z >>> 33;
            return z;
        }
    }
}
