package io.linkcast.state.nat;

import io.linkcast.state.StateFormatException;
import java.util.function.IntSupplier;

/**
 * The bitmap of a hop's used slots, as every NAT record version stores it: bit {@code i & 7} of byte {@code i / 8}
 * marks slot i used.
 */
final class UsedSlotBitmap {
    private UsedSlotBitmap() {
    }

    /** Bytes of the bitmap of {@code slots} slots. */
    static int bytes(int slots) {
        return (slots + 7) / 8;
    }

    /**
     * Reads the bitmap of a hop of {@code capacity} slots, one byte from {@code nextByte} at a time.
     *
     * @throws StateFormatException if a bit marks a slot the hop does not have
     */
    static boolean[] read(IntSupplier nextByte, int capacity, int hop) {
        boolean[] used = new boolean[capacity];
        for (int b = 0; b < bytes(capacity); b++) {
            int bits = nextByte.getAsInt() & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                if ((bits & (1 << bit)) == 0) {
                    continue;
                }
                int slot = 8 * b + bit;
                if (slot >= capacity) {
                    throw new StateFormatException("NAT state record marks slot " + slot + " of hop " + hop
                            + " used; the hop has slots 0.." + (capacity - 1));
                }
                used[slot] = true;
            }
        }
        return used;
    }
}
