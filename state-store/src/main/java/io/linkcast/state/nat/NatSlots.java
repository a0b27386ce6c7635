package io.linkcast.state.nat;

import io.linkcast.state.compact.Snapshot8;
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
 * <p>{@link Editor#write} rounds the row it writes to the {@link StatePrecision} the editor was opened with
 * (half-precision values, 8-bit snapshots for COMPACT): that is where a slot is made, so every path (model,
 * cache, RocksDB) holds the same bits. The public constructor takes its arrays as they are (the codec hands it
 * decoded, already rounded rows).
 *
 * <p>A slot keeps its snapshot in record form ({@link Snapshot8#code}), made once where the snapshot is made,
 * and float32 only for a snapshot that 8 bits cannot hold (at {@link StatePrecision#FP32}, or a NaN): a
 * node's record is written again at every event that touches it, and coding its unchanged snapshots anew each
 * time was most of a record's encoding cost; and states live in the decoded-state cache until the next event
 * replaces them, so their size is what the garbage collector copies and promotes (floats were 4× the bytes).
 */
public final class NatSlots {
    private final int capacity;
    private final int valueDim;
    private final int snapshotDim;
    private final boolean[] used;
    private final long[] keys;
    private final long[] seqs;
    private final double[] times;
    private final float[] values;
    /** The floats of the slots whose code is {@link Snapshot8#RAW}; null when there are none. */
    private final float[] rawSnapshots;
    private final byte[] codes;
    /** Written slots, counted once: a wave and the codec both ask, for every node they touch. */
    private final int usedCount;

    public NatSlots(int capacity, int valueDim, int snapshotDim, boolean[] used, long[] keys, long[] seqs,
            double[] times, float[] values, float[] snapshots) {
        this(capacity, valueDim, snapshotDim, used, keys, seqs, times, values, snapshots, null);
    }

    /**
     * With the snapshots' codes, trusted to match them (the codec read both from one record); null codes: make
     * them from {@code snapshots}. With codes, {@code snapshots} need only hold the slots coded
     * {@link Snapshot8#RAW}, and may be null when there are none.
     */
    NatSlots(int capacity, int valueDim, int snapshotDim, boolean[] used, long[] keys, long[] seqs, double[] times,
            float[] values, float[] snapshots, byte[] codes) {
        if (capacity < 1 || valueDim < 1 || snapshotDim < 0) {
            throw new IllegalArgumentException("capacity and valueDim must be >= 1 and snapshotDim >= 0, got "
                    + capacity + "/" + valueDim + "/" + snapshotDim);
        }
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(seqs, "seqs");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(values, "values");
        if (snapshots == null && codes == null) {
            throw new NullPointerException("snapshots");
        }
        if (used.length != capacity || keys.length != capacity || seqs.length != capacity
                || times.length != capacity || values.length != capacity * valueDim
                || snapshots != null && snapshots.length != capacity * snapshotDim) {
            throw new IllegalArgumentException("slot arrays do not match capacity " + capacity + ", valueDim "
                    + valueDim + ", snapshotDim " + snapshotDim);
        }
        this.capacity = capacity;
        this.valueDim = valueDim;
        this.snapshotDim = snapshotDim;
        this.used = used;
        this.keys = keys;
        this.seqs = seqs;
        this.times = times;
        this.values = values;
        this.codes = codes != null ? codes : codesOf(capacity, snapshotDim, snapshots);
        this.rawSnapshots = anyRaw(capacity, snapshotDim, this.codes) ? snapshots : null;
        int n = 0;
        for (boolean u : used) {
            n += u ? 1 : 0;
        }
        this.usedCount = n;
    }

    private static boolean anyRaw(int capacity, int snapshotDim, byte[] codes) {
        int cb = codeBytes(snapshotDim);
        for (int i = 0; i < capacity && cb > 0; i++) {
            if ((codes[i * cb] & 0xff) == Snapshot8.RAW) {
                return true;
            }
        }
        return false;
    }

    /** Bytes of one slot's snapshot code. */
    static int codeBytes(int snapshotDim) {
        return snapshotDim == 0 ? 0 : Snapshot8.codeBytes(snapshotDim);
    }

    private static byte[] codesOf(int capacity, int snapshotDim, float[] snapshots) {
        int cb = codeBytes(snapshotDim);
        byte[] codes = new byte[capacity * cb];
        for (int i = 0; i < capacity && cb > 0; i++) {
            Snapshot8.code(snapshots, i * snapshotDim, snapshotDim, codes, i * cb);
        }
        return codes;
    }

    /** number of slots */
    public int capacity() {
        return capacity;
    }

    /** d_z */
    public int valueDim() {
        return valueDim;
    }

    /** floats of neighbour snapshot per slot (0 for N^(0)) */
    public int snapshotDim() {
        return snapshotDim;
    }

    /** whether each slot was ever written (an unwritten slot has zero key, position, time and vectors) */
    public boolean[] used() {
        return used;
    }

    /** neighbour id per slot */
    public long[] keys() {
        return keys;
    }

    /** stream position of the event that wrote each slot */
    public long[] seqs() {
        return seqs;
    }

    /** time (seconds) of the event that wrote each slot */
    public double[] times() {
        return times;
    }

    /** Z, {@code capacity * valueDim} floats */
    public float[] values() {
        return values;
    }

    /**
     * The neighbour self snapshots, {@code capacity * snapshotDim} floats: a new array, decoded from the codes
     * (a hop keeps its 8-bit snapshots in their record form only, a quarter of the floats' memory: states are
     * cached and replaced at every event, and their size is what the collector copies).
     */
    public float[] snapshots() {
        float[] out = new float[capacity * snapshotDim];
        for (int i = 0; i < capacity; i++) {
            copySnapshot(i, out, i * snapshotDim);
        }
        return out;
    }

    /** The snapshot of {@code slot} into out[at, at + snapshotDim). */
    public void copySnapshot(int slot, float[] out, int at) {
        if (snapshotDim == 0) {
            return;
        }
        int c = slot * codeBytes(snapshotDim);
        if ((codes[c] & 0xff) == Snapshot8.RAW) {
            System.arraycopy(rawSnapshots, slot * snapshotDim, out, at, snapshotDim);
        } else {
            Snapshot8.decode(codes, c, out, at, snapshotDim);
        }
    }

    /** Whether the snapshot of {@code slot} is, bit for bit, v[0, snapshotDim). */
    public boolean snapshotIs(int slot, float[] v) {
        int c = slot * codeBytes(snapshotDim);
        if (snapshotDim == 0) {
            return true;
        }
        if ((codes[c] & 0xff) == Snapshot8.RAW) {
            return Arrays.equals(rawSnapshots, slot * snapshotDim, (slot + 1) * snapshotDim, v, 0, snapshotDim);
        }
        float[] mine = new float[snapshotDim];
        Snapshot8.decode(codes, c, mine, 0, snapshotDim);
        return Arrays.equals(mine, 0, snapshotDim, v, 0, snapshotDim);
    }

    /**
     * Whether the snapshots of slots [from, to) are all +0, i.e. their codes are all zero bytes, compared with
     * {@code zeros} (at least that long) by the JDK's vectorised mismatch.
     */
    boolean snapshotsZero(int from, int to, byte[] zeros) {
        int cb = codeBytes(snapshotDim);
        return Arrays.equals(codes, from * cb, to * cb, zeros, 0, (to - from) * cb);
    }

    /** {@link Snapshot8#code} of each slot's snapshot, {@link #codeBytes} bytes a slot. */
    byte[] codes() {
        return codes;
    }

    /** The float32 snapshots of the slots coded {@link Snapshot8#RAW} (other slots' floats are meaningless). */
    float[] rawSnapshots() {
        return rawSnapshots;
    }

    /** A hop with every slot unwritten (a zero snapshot's code is all zero: the smallest exponent, zero bytes). */
    public static NatSlots empty(int capacity, int valueDim, int snapshotDim) {
        return new NatSlots(capacity, valueDim, snapshotDim, new boolean[capacity], new long[capacity],
                new long[capacity], new double[capacity], new float[capacity * valueDim], null,
                new byte[capacity * codeBytes(snapshotDim)]);
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
        float[] out = new float[snapshotDim];
        copySnapshot(slot, out, 0);
        return out;
    }

    /** Number of written slots. */
    public int usedCount() {
        return usedCount;
    }

    /**
     * A mutable copy to apply writes to, rounding each row it writes to {@code precision};
     * {@link Editor#freeze()} turns it back into a value.
     */
    public Editor edit(StatePrecision precision) {
        return new Editor(this, precision);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NatSlots s && capacity == s.capacity && valueDim == s.valueDim
                && snapshotDim == s.snapshotDim && Arrays.equals(used, s.used) && Arrays.equals(keys, s.keys)
                && Arrays.equals(seqs, s.seqs) && Arrays.equals(times, s.times) && Arrays.equals(values, s.values)
                && sameSnapshots(s);
    }

    /** Codes are canonical (one per vector), so coded snapshots compare by code, float32 ones by bits. */
    private boolean sameSnapshots(NatSlots s) {
        int cb = codeBytes(snapshotDim);
        for (int i = 0; i < capacity && cb > 0; i++) {
            int c = i * cb;
            boolean raw = (codes[c] & 0xff) == Snapshot8.RAW;
            boolean same = raw
                    ? (s.codes[c] & 0xff) == Snapshot8.RAW && Arrays.equals(rawSnapshots, i * snapshotDim,
                            (i + 1) * snapshotDim, s.rawSnapshots, i * snapshotDim, (i + 1) * snapshotDim)
                    : Arrays.equals(codes, c, c + cb, s.codes, c, c + cb);
            if (!same) {
                return false;
            }
        }
        return true;
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
        private final StatePrecision precision;
        private final boolean[] used;
        private final long[] keys;
        private final long[] seqs;
        private final double[] times;
        private final float[] values;
        private float[] rawSnapshots;
        private final byte[] codes;

        private Editor(NatSlots base, StatePrecision precision) {
            this.base = base;
            this.precision = Objects.requireNonNull(precision, "precision");
            this.used = base.used.clone();
            this.keys = base.keys.clone();
            this.seqs = base.seqs.clone();
            this.times = base.times.clone();
            this.values = base.values.clone();
            this.rawSnapshots = base.rawSnapshots == null ? null : base.rawSnapshots.clone();
            this.codes = base.codes.clone();
        }

        private void putRaw(int slot, float[] from, int at) {
            if (rawSnapshots == null) {
                rawSnapshots = new float[base.capacity * base.snapshotDim];
            }
            System.arraycopy(from, at, rawSnapshots, slot * base.snapshotDim, base.snapshotDim);
        }

        /**
         * Overwrites {@code slot} with a whole new row, rounded to the editor's precision.
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
            used[slot] = true;
            keys[slot] = key;
            seqs[slot] = seq;
            times[slot] = time;
            System.arraycopy(precision.dense(value), 0, values, slot * base.valueDim, base.valueDim);
            if (withSnapshot && base.snapshotDim > 0) {
                int c = slot * codeBytes(base.snapshotDim);
                if (!precision.code(snapshot, codes, c)) {
                    putRaw(slot, snapshot, 0);
                }
            }
            return this;
        }

        /**
         * {@link #write} with the snapshot of {@code source}'s slot {@code sourceSlot}, copied as it is: it was rounded
         * when that slot was made, and rounding is idempotent, so rounding it again would change nothing and cost much:
         * every event copies a whole 1-hop cache into two 2-hop caches (docs/results.md, "Figures behind the code").
         */
        public Editor writeCopy(int slot, long key, long seq, double time, float[] value, NatSlots source,
                int sourceSlot) {
            if (source.snapshotDim != base.snapshotDim) {
                throw new IllegalArgumentException("snapshots of " + source.snapshotDim + " floats, slots hold "
                        + base.snapshotDim);
            }
            write(slot, key, seq, time, value, null, false);
            int cb = codeBytes(base.snapshotDim);
            System.arraycopy(source.codes, sourceSlot * cb, codes, slot * cb, cb);
            if (cb > 0 && (codes[slot * cb] & 0xff) == Snapshot8.RAW) {
                putRaw(slot, source.rawSnapshots, sourceSlot * base.snapshotDim);
            }
            return this;
        }

        public NatSlots freeze() {
            return new NatSlots(base.capacity, base.valueDim, base.snapshotDim, used, keys, seqs, times, values,
                    rawSnapshots, codes);
        }
    }
}
