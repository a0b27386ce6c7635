package io.linkcast.model.nat;

/**
 * The original {@code (w·a + w²·(a+1)) mod M} in wrapping int64 arithmetic, as the Python computes it on int64
 * tensors (nat-spec.md §1.3). Only a permutation of the residues when a is odd: with an even a only a few slots
 * are ever used, which is why served models use {@link SlotHash.Mix64}.
 *
 * @param a the multiplier, in [0, 99]
 */
record OriginalSlotHash(long a) implements SlotHash {
    OriginalSlotHash {
        if (a < 0 || a > 99) {
            throw new IllegalArgumentException("original hash multiplier must be in [0, 99], got " + a);
        }
    }

    /** The original's multiplier for a hash seed: {@code a = hashSeed mod 100}. */
    static OriginalSlotHash ofSeed(long hashSeed) {
        return new OriginalSlotHash(Math.floorMod(hashSeed, 100));
    }

    @Override
    public int slot(long key, int capacity) {
        return (int) Math.floorMod(key * a + key * key * (a + 1), (long) capacity);
    }
}
