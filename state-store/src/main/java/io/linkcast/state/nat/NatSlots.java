package io.linkcast.state.nat;

import io.linkcast.state.compact.StatePrecision;
import java.util.Arrays;
import java.util.Objects;

/**
 * One hop of a node's N-cache: a fixed number of slots, each holding a neighbour key, the event that wrote
 * it (stream position and time), its value vector Z (d_z floats) and, for hops 1 and 2, a snapshot of the
 * neighbour's self representation taken when the slot was written (what the lazy GRU refresh of the slot
 * reads, kept inside the record so that a prediction touches only its two endpoints' records).
 *
 * <p>A value: never mutated after construction. Use {@link #edit()} to derive a changed copy. Arrays are
 * laid out slot-major ({@code values[slot * valueDim + j]}).
 *
 * <p>{@link Editor#write} rounds the row it writes to the process's {@link StatePrecision} (half-precision
 * values, 8-bit snapshots by default): that is where a slot is made, so every path (model, cache, RocksDB)
 * holds the same bits. The canonical constructor takes its arrays as they are (the codec hands it decoded,
 * already rounded rows).
 *
 * @param capacity number of slots
 * @param valueDim d_z
 * @param snapshotDim floats of neighbour snapshot per slot (0 for N^(0))
 * @param used whether each slot was ever written (an unwritten slot has zero key, position, time and vectors)
 * @param keys neighbour id per slot
 * @param seqs stream position of the event that wrote each slot
 * @param times time (seconds) of the event that wrote each slot
 * @param values Z, {@code capacity * valueDim} floats
 * @param snapshots neighbour self snapshots, {@code capacity * snapshotDim} floats
 */
public record NatSlots(int capacity, int valueDim, int snapshotDim, boolean[] used, long[] keys, long[] seqs,
        double[] times, float[] values, float[] snapshots) {

    public NatSlots {
        if (capacity < 1 || valueDim < 1 || snapshotDim < 0) {
            throw new IllegalArgumentException("capacity and valueDim must be >= 1 and snapshotDim >= 0, got "
                    + capacity + "/" + valueDim + "/" + snapshotDim);
        }
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(seqs, "seqs");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(snapshots, "snapshots");
        if (used.length != capacity || keys.length != capacity || seqs.length != capacity
                || times.length != capacity || values.length != capacity * valueDim
                || snapshots.length != capacity * snapshotDim) {
            throw new IllegalArgumentException("slot arrays do not match capacity " + capacity + ", valueDim "
                    + valueDim + ", snapshotDim " + snapshotDim);
        }
    }

    /** A hop with every slot unwritten. */
    public static NatSlots empty(int capacity, int valueDim, int snapshotDim) {
        return new NatSlots(capacity, valueDim, snapshotDim, new boolean[capacity], new long[capacity],
                new long[capacity], new double[capacity], new float[capacity * valueDim],
                new float[capacity * snapshotDim]);
    }

    public boolean isUsed(int slot) {
        return used[slot];
    }

    public long key(int slot) {
        return keys[slot];
    }

    public long seq(int slot) {
        return seqs[slot];
    }

    public double time(int slot) {
        return times[slot];
    }

    /** Element {@code j} of the value vector of {@code slot}. */
    public float value(int slot, int j) {
        return values[slot * valueDim + j];
    }

    /** A copy of the value vector of {@code slot}. */
    public float[] valueOf(int slot) {
        return Arrays.copyOfRange(values, slot * valueDim, (slot + 1) * valueDim);
    }

    /** A copy of the neighbour snapshot of {@code slot}. */
    public float[] snapshotOf(int slot) {
        return Arrays.copyOfRange(snapshots, slot * snapshotDim, (slot + 1) * snapshotDim);
    }

    /** Number of written slots. */
    public int usedCount() {
        int n = 0;
        for (boolean u : used) {
            n += u ? 1 : 0;
        }
        return n;
    }

    /** A mutable copy to apply writes to; {@link Editor#freeze()} turns it back into a value. */
    public Editor edit() {
        return new Editor(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NatSlots s && capacity == s.capacity && valueDim == s.valueDim
                && snapshotDim == s.snapshotDim && Arrays.equals(used, s.used) && Arrays.equals(keys, s.keys)
                && Arrays.equals(seqs, s.seqs) && Arrays.equals(times, s.times) && Arrays.equals(values, s.values)
                && Arrays.equals(snapshots, s.snapshots);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(capacity, valueDim, snapshotDim);
        h = 31 * h + Arrays.hashCode(keys);
        h = 31 * h + Arrays.hashCode(seqs);
        h = 31 * h + Arrays.hashCode(values);
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NatSlots[");
        for (int i = 0; i < capacity; i++) {
            sb.append(i == 0 ? "" : ", ").append(used[i] ? Long.toString(keys[i]) : "-");
        }
        return sb.append(']').toString();
    }

    /** A private working copy of a hop; not thread-safe, used inside one state transition. */
    public static final class Editor {
        private final NatSlots base;
        private final boolean[] used;
        private final long[] keys;
        private final long[] seqs;
        private final double[] times;
        private final float[] values;
        private final float[] snapshots;

        private Editor(NatSlots base) {
            this.base = base;
            this.used = base.used.clone();
            this.keys = base.keys.clone();
            this.seqs = base.seqs.clone();
            this.times = base.times.clone();
            this.values = base.values.clone();
            this.snapshots = base.snapshots.clone();
        }

        /**
         * Overwrites {@code slot} with a whole new row, rounded to {@link StatePrecision#current()}.
         *
         * @param value d_z floats
         * @param snapshot snapshotDim floats (ignored when snapshotDim is 0; may then be null)
         */
        public Editor write(int slot, long key, long seq, double time, float[] value, float[] snapshot) {
            return write(slot, key, seq, time, value, snapshot, true);
        }

        private Editor write(int slot, long key, long seq, double time, float[] value, float[] snapshot,
                boolean withSnapshot) {
            if (value.length != base.valueDim) {
                throw new IllegalArgumentException("value has " + value.length + " floats, slots hold " + base.valueDim);
            }
            if (withSnapshot && base.snapshotDim > 0 && (snapshot == null || snapshot.length != base.snapshotDim)) {
                throw new IllegalArgumentException("snapshot must have " + base.snapshotDim + " floats");
            }
            StatePrecision precision = StatePrecision.current();
            used[slot] = true;
            keys[slot] = key;
            seqs[slot] = seq;
            times[slot] = time;
            System.arraycopy(precision.dense(value), 0, values, slot * base.valueDim, base.valueDim);
            if (withSnapshot && base.snapshotDim > 0) {
                System.arraycopy(precision.snapshot(snapshot), 0, snapshots, slot * base.snapshotDim,
                        base.snapshotDim);
            }
            return this;
        }

        /**
         * {@link #write} with the snapshot of {@code source}'s slot {@code sourceSlot}, copied as it is: it was
         * rounded when that slot was made, and rounding is idempotent, so rounding it again (a fifth of NAT's
         * step, as every event copies a whole 1-hop cache into two 2-hop caches) would change nothing.
         */
        public Editor writeCopy(int slot, long key, long seq, double time, float[] value, NatSlots source,
                int sourceSlot) {
            if (source.snapshotDim != base.snapshotDim) {
                throw new IllegalArgumentException("snapshots of " + source.snapshotDim + " floats, slots hold "
                        + base.snapshotDim);
            }
            write(slot, key, seq, time, value, null, false);
            System.arraycopy(source.snapshots, sourceSlot * base.snapshotDim, snapshots, slot * base.snapshotDim,
                    base.snapshotDim);
            return this;
        }

        public NatSlots freeze() {
            return new NatSlots(base.capacity, base.valueDim, base.snapshotDim, used, keys, seqs, times, values,
                    snapshots);
        }
    }
}
