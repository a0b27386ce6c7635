package io.linkcast.model.nat;

/**
 * Maps a neighbour id to its slot in an N-cache of {@code capacity} slots (a power of two). Served models use
 * {@link Mix64}; the hash is an interface because records laid out by another placement are read through
 * {@link SlotSemantics#hash()} (the original code's polynomial, which the parity replays reproduce).
 */
public interface SlotHash {

    int slot(long key, int capacity);

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
