package io.linkcast.state.nat;

import io.linkcast.state.RecordHeader;
import io.linkcast.state.StateCodec;
import io.linkcast.state.StateFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Binary codec of {@link NatNodeState} (architecture contract 6) that stores only the written slots.
 *
 * <p>Layout of version 2 (written), big-endian:
 * <pre>
 * header      magic "NATS" (4) + version 2 (2)
 * shape       m1, m2, d_z, d_s as unsigned 16-bit (8)
 * node        int64 (8)
 * self        d_s float32
 * previous    present u8, other int64, seq int64, time float64, otherSelf d_s float32
 * n0, n1, n2  each: used bitmap ceil(M/8) bytes (bit i of byte i/8, LSB first; bits at or past M are 0),
 *             then for each used slot, in slot order: key int64, seq int64, time float64, Z d_z float32,
 *             snapshot (d_s, or 0 for n0) float32
 *             (n2 is absent when m2 = 0)
 * </pre>
 * An unused slot is not stored: {@link NatSlots} keeps unwritten slots all zero, so decoding restores them as
 * zeros. Encoding checks that invariant, so that a state which breaks it fails loudly instead of losing data.
 *
 * <p>With u_0, u_1, u_2 used slots, bytes per node = 22 + 4·d_s + (25 + 4·d_s) + (1 + u_0·(24 + 4·d_z))
 * + Σ_{k=1,2} (⌈M_k/8⌉ + u_k·(24 + 4·d_z + 4·d_s)). With the defaults (M1 = 32, M2 = 16, d_z = 4, d_s = 72) a
 * node without events takes 630 bytes, each used neighbour slot 328 more and a full node 16,414
 * ({@link #maxBytesPerNode(NatShape)}). The neighbour snapshots (d_s floats per used slot) are most of a
 * busy node's record: they are the price of locality (the original reads every neighbour's live self
 * representation from a global table, nat-spec.md §8).
 *
 * <p>Version 1 is still read: the same layout, but every slot written whether used or not, so every record has
 * the full-node size; its unused slots must hold zeros. Floats are stored bit for bit (signed zeros and NaN
 * payloads survive a round trip). A record of another shape than the codec's is rejected with both shapes in
 * the message.
 */
public final class NatStateCodec implements StateCodec<NatNodeState> {
    public static final int MAGIC = RecordHeader.magic("NATS");
    public static final int VERSION = 2;
    /** The fixed-size layout of earlier builds; decoded, never written. */
    private static final int VERSION_ALL_SLOTS = 1;

    private static final int HEAD_BYTES = RecordHeader.BYTES + 8 + 8;
    private static final int PREVIOUS_BYTES = 1 + 8 + 8 + 8;
    private static final int SLOT_SCALAR_BYTES = 8 + 8 + 8;
    private static final VarHandle FLOAT_BE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.BIG_ENDIAN);

    private final NatShape shape;
    // Never written: what unused slots are compared against
    private final long[] zeroLongs;
    private final double[] zeroDoubles;
    private final float[] zeroFloats;

    public NatStateCodec(NatShape shape) {
        this.shape = Objects.requireNonNull(shape, "shape");
        int slots = Math.max(shape.m1(), Math.max(1, shape.m2()));
        this.zeroLongs = new long[slots];
        this.zeroDoubles = new double[slots];
        this.zeroFloats = new float[slots * Math.max(shape.valueDim(), shape.selfDim())];
    }

    public NatShape shape() {
        return shape;
    }

    @Override
    public int version() {
        return VERSION;
    }

    /** Size of the largest record of this codec's shape (every slot used). */
    public int maxBytesPerNode() {
        return maxBytesPerNode(shape);
    }

    /** Size of a record of {@code shape} with every slot used; also the size of every version-1 record. */
    public static int maxBytesPerNode(NatShape shape) {
        return recordBytes(shape, 1, shape.m1(), shape.m2());
    }

    /** Size of the record {@link #encode} writes for {@code state}. */
    public int encodedSize(NatNodeState state) {
        requireShape(state);
        return recordBytes(shape, state.n0().usedCount(), state.n1().usedCount(),
                shape.m2() > 0 ? state.n2().usedCount() : 0);
    }

    private static int recordBytes(NatShape shape, int used0, int used1, int used2) {
        int ds = shape.selfDim();
        int dz = shape.valueDim();
        return HEAD_BYTES + 4 * ds + PREVIOUS_BYTES + 4 * ds + hopBytes(1, used0, dz, 0)
                + hopBytes(shape.m1(), used1, dz, ds) + hopBytes(shape.m2(), used2, dz, ds);
    }

    private static int hopBytes(int slots, int used, int dz, int snapshotDim) {
        return slots == 0 ? 0 : bitmapBytes(slots) + used * slotBytes(dz, snapshotDim);
    }

    private static int bitmapBytes(int slots) {
        return (slots + 7) / 8;
    }

    private static int slotBytes(int dz, int snapshotDim) {
        return SLOT_SCALAR_BYTES + 4 * dz + 4 * snapshotDim;
    }

    @Override
    public byte[] encode(NatNodeState state) {
        requireShape(state);
        requireUnwrittenZero(state.n0(), 0, state.node());
        requireUnwrittenZero(state.n1(), 1, state.node());
        requireUnwrittenZero(state.n2(), 2, state.node());
        if (shape.m2() == 0 && state.n2().isUsed(0)) {
            throw new IllegalArgumentException("node " + state.node()
                    + " wrote its 2-hop placeholder, but shape " + shape + " has no 2-hop cache");
        }
        ByteBuffer buf = ByteBuffer.allocate(encodedSize(state));
        new RecordHeader(MAGIC, VERSION).write(buf);
        buf.putShort((short) shape.m1()).putShort((short) shape.m2()).putShort((short) shape.valueDim())
                .putShort((short) shape.selfDim());
        buf.putLong(state.node());
        putFloats(buf, state.self(), 0, shape.selfDim());
        PreviousEvent p = state.previous();
        buf.put((byte) (p.present() ? 1 : 0)).putLong(p.other()).putLong(p.seq()).putDouble(p.time());
        putFloats(buf, p.otherSelf(), 0, shape.selfDim());
        putUsedSlots(buf, state.n0());
        putUsedSlots(buf, state.n1());
        if (shape.m2() > 0) {
            putUsedSlots(buf, state.n2());
        }
        if (buf.hasRemaining()) {
            throw new IllegalStateException("NAT record layout is inconsistent: " + buf.remaining() + " bytes left");
        }
        return buf.array();
    }

    private void requireShape(NatNodeState state) {
        if (!state.fits(shape)) {
            throw new IllegalArgumentException("state of node " + state.node() + " does not have shape " + shape);
        }
    }

    private void requireUnwrittenZero(NatSlots s, int hop, long node) {
        int bad = firstUnwrittenSlotWithData(s);
        if (bad >= 0) {
            throw new IllegalArgumentException("node " + node + ": unused slot " + bad + " of hop " + hop
                    + " holds data; an unwritten slot must be all zero");
        }
    }

    @Override
    public NatNodeState decode(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int version = RecordHeader.check(buf, MAGIC, "NAT state", VERSION, VERSION_ALL_SLOTS);
        try {
            int m1 = buf.getShort() & 0xffff;
            int m2 = buf.getShort() & 0xffff;
            int dz = buf.getShort() & 0xffff;
            int ds = buf.getShort() & 0xffff;
            if (m1 != shape.m1() || m2 != shape.m2() || dz != shape.valueDim() || ds != shape.selfDim()) {
                throw new StateFormatException("NAT state record has shape (m1=" + m1 + ", m2=" + m2 + ", d_z=" + dz
                        + ", d_s=" + ds + "), this codec reads " + shape);
            }
            boolean allSlots = version == VERSION_ALL_SLOTS;
            if (allSlots && bytes.length != maxBytesPerNode()) {
                throw new StateFormatException("NAT state record (version 1) has " + bytes.length
                        + " bytes, shape " + shape + " needs " + maxBytesPerNode());
            }
            long node = buf.getLong();
            float[] self = new float[ds];
            getFloats(buf, self, 0, ds);
            boolean present = readFlag(buf);
            long other = buf.getLong();
            long seq = buf.getLong();
            double time = buf.getDouble();
            float[] otherSelf = new float[ds];
            getFloats(buf, otherSelf, 0, ds);
            PreviousEvent previous = new PreviousEvent(present, other, seq, time, otherSelf);
            NatSlots n0 = getSlots(buf, allSlots, 0, 1, dz, 0);
            NatSlots n1 = getSlots(buf, allSlots, 1, m1, dz, ds);
            NatSlots n2 = m2 > 0 ? getSlots(buf, allSlots, 2, m2, dz, ds) : NatSlots.empty(1, dz, ds);
            if (buf.hasRemaining()) {
                throw new StateFormatException("NAT state record has " + buf.remaining()
                        + " bytes left over after its last hop (" + bytes.length + " bytes in all)");
            }
            return new NatNodeState(node, n0, n1, n2, self, previous);
        } catch (BufferUnderflowException e) {
            throw new StateFormatException("NAT state record truncated at " + bytes.length + " bytes");
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("NAT state record is inconsistent: " + e.getMessage());
        }
    }

    private static boolean readFlag(ByteBuffer buf) {
        byte b = buf.get();
        if (b != 0 && b != 1) {
            throw new StateFormatException("NAT state flag byte must be 0 or 1, got " + b);
        }
        return b == 1;
    }

    private static void putUsedSlots(ByteBuffer buf, NatSlots s) {
        int capacity = s.capacity();
        boolean[] used = s.used();
        for (int b = 0; b < bitmapBytes(capacity); b++) {
            int bits = 0;
            for (int i = 8 * b; i < Math.min(capacity, 8 * b + 8); i++) {
                bits |= used[i] ? 1 << (i & 7) : 0;
            }
            buf.put((byte) bits);
        }
        int dz = s.valueDim();
        int ds = s.snapshotDim();
        for (int i = 0; i < capacity; i++) {
            if (used[i]) {
                buf.putLong(s.key(i)).putLong(s.seq(i)).putDouble(s.time(i));
                putFloats(buf, s.values(), i * dz, dz);
                putFloats(buf, s.snapshots(), i * ds, ds);
            }
        }
    }

    /** Reads one hop: its bitmap, then either the used slots (version 2) or every slot (version 1). */
    private NatSlots getSlots(ByteBuffer buf, boolean allSlots, int hop, int capacity, int dz,
            int snapshotDim) {
        boolean[] used = new boolean[capacity];
        for (int b = 0; b < bitmapBytes(capacity); b++) {
            int bits = buf.get() & 0xff;
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
        long[] keys = new long[capacity];
        long[] seqs = new long[capacity];
        double[] times = new double[capacity];
        float[] values = new float[capacity * dz];
        float[] snapshots = new float[capacity * snapshotDim];
        for (int i = 0; i < capacity; i++) {
            if (used[i] || allSlots) {
                keys[i] = buf.getLong();
                seqs[i] = buf.getLong();
                times[i] = buf.getDouble();
                getFloats(buf, values, i * dz, dz);
                getFloats(buf, snapshots, i * snapshotDim, snapshotDim);
            }
        }
        NatSlots slots = new NatSlots(capacity, dz, snapshotDim, used, keys, seqs, times, values, snapshots);
        int bad = allSlots ? firstUnwrittenSlotWithData(slots) : -1;
        if (bad >= 0) {
            throw new StateFormatException("NAT state record (version 1) holds data in unused slot " + bad
                    + " of hop " + hop + "; an unwritten slot must be all zero");
        }
        return slots;
    }

    /**
     * The first unused slot with a non-zero bit anywhere in its row, or -1 when every unused slot is zero. Checks
     * whole runs of unused slots at once (the arrays are slot-major, so a run is one range per array) against
     * zero arrays, which the JDK compares with vectorised mismatch loops.
     */
    private int firstUnwrittenSlotWithData(NatSlots s) {
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
        int ds = s.snapshotDim();
        // Arrays.equals on float and double ranges tells +0 from -0, and NaN from 0
        return Arrays.equals(s.keys(), from, to, zeroLongs, 0, n) && Arrays.equals(s.seqs(), from, to, zeroLongs, 0, n)
                && Arrays.equals(s.times(), from, to, zeroDoubles, 0, n)
                && Arrays.equals(s.values(), from * dz, to * dz, zeroFloats, 0, n * dz)
                && Arrays.equals(s.snapshots(), from * ds, to * ds, zeroFloats, 0, n * ds);
    }

    // Floats go straight into the record's backing array through a big-endian view (a HotSpot intrinsic, one
    // unaligned store or load per float): faster than ByteBuffer.putFloat, and, unlike FloatBuffer views, free of a
    // native call per slot. The view moves raw bits, so NaN payloads survive.
    private static void putFloats(ByteBuffer buf, float[] src, int from, int len) {
        byte[] out = buf.array();
        int at = buf.arrayOffset() + buf.position();
        if (out.length - at < 4 * len) {
            throw new BufferOverflowException();
        }
        for (int j = 0; j < len; j++) {
            FLOAT_BE.set(out, at + 4 * j, src[from + j]);
        }
        buf.position(buf.position() + 4 * len);
    }

    private static void getFloats(ByteBuffer buf, float[] dst, int from, int len) {
        if (buf.remaining() < 4 * len) {
            throw new BufferUnderflowException();
        }
        byte[] in = buf.array();
        int at = buf.arrayOffset() + buf.position();
        for (int j = 0; j < len; j++) {
            dst[from + j] = (float) FLOAT_BE.get(in, at + 4 * j);
        }
        buf.position(buf.position() + 4 * len);
    }
}
