package io.linkcast.state.nat;

import java.util.Arrays;

/** Finds unused slots that hold data: an unwritten slot must be all zero, or decoding would lose it. */
final class UnusedSlots {
    // Never written: what unused slots are compared against
    private final long[] zeroLongs;
    private final double[] zeroDoubles;
    private final float[] zeroFloats;
    private final byte[] zeroBytes;

    UnusedSlots(NatShape shape) {
        int slots = Math.max(shape.m1(), Math.max(1, shape.m2()));
        this.zeroLongs = new long[slots];
        this.zeroDoubles = new double[slots];
        this.zeroFloats = new float[slots * shape.valueDim()];
        this.zeroBytes = new byte[slots * NatSlots.codeBytes(shape.selfDim())];
    }

    /**
     * The first unused slot with a non-zero bit anywhere in its row, or -1 when every unused slot is zero. Checks
     * whole runs of unused slots at once (the arrays are slot-major, so a run is one range per array) against
     * zero arrays, which the JDK compares with vectorised mismatch loops.
     */
    int firstWithData(NatSlots s) {
        boolean[] used = s.used();
        int capacity = s.capacity();
        int from = 0;
        while (from < capacity) {
            if (used[from]) {
                from++;
                continue;
            }
            int to = from + 1;
            while (to < capacity && !used[to]) {
                to++;
            }
            if (!unusedRunIsZero(s, from, to)) {
                for (int slot = from;; slot++) {
                    if (!unusedRunIsZero(s, slot, slot + 1)) {
                        return slot;
                    }
                }
            }
            from = to;
        }
        return -1;
    }

    private boolean unusedRunIsZero(NatSlots s, int from, int to) {
        int n = to - from;
        int dz = s.valueDim();
        // Arrays.equals on float and double ranges tells +0 from -0, and NaN from 0
        return Arrays.equals(s.keys(), from, to, zeroLongs, 0, n) && Arrays.equals(s.seqs(), from, to, zeroLongs, 0, n)
                && Arrays.equals(s.times(), from, to, zeroDoubles, 0, n)
                && Arrays.equals(s.values(), from * dz, to * dz, zeroFloats, 0, n * dz)
                && s.snapshotsZero(from, to, zeroBytes);
    }

}
