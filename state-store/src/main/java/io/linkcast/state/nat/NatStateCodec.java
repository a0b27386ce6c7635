package io.linkcast.state.nat;

import io.linkcast.state.RecordHeader;
import io.linkcast.state.StateCodec;
import io.linkcast.state.StateFormatException;
import io.linkcast.state.compact.RecordReader;
import io.linkcast.state.compact.RecordWriter;
import io.linkcast.state.compact.StatePrecision;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Binary codec of {@link NatNodeState} (architecture contract 6): only written slots, compact numbers, and
 * vectors in the precision the record was made at ({@link StatePrecision}), losslessly.
 *
 * <p>Layout of version 3 (written), big-endian; "zz" is a zigzag LEB128 varint, "time(b)" a time relative to
 * b: the varint zigzag(t - b)·2 when t and b are integers, else the varint 1 and a float64:
 * <pre>
 * header      magic "NATS" (4) + version 3 (2)
 * shape       m1, m2, d_z, d_s as unsigned 16-bit (8)
 * form        u8: 1 = dense vectors (self, Z) in half precision, 0 = in float32
 * node        zz
 * self        d_s dense
 * previous    flags u8 (bit 0 present, bit 1 otherSelf is the snapshot of an n1 slot);
 *             if present: other zz, seq zz, time(0);
 *             then either that n1 slot's index u16, or otherSelf as a snapshot
 * n0, n1, n2  each: used bitmap ceil(M/8) bytes (bit i of byte i/8, LSB first),
 *             then for each used slot, in slot order: key zz, seq zz relative to previous.seq,
 *             time(previous.time), Z d_z dense, and for n1 and n2 a snapshot of d_s
 *             (n2 is absent when m2 = 0)
 * snapshot    exponent byte b, then d_s signed bytes q (value q·2^(b-133)); b = 255: d_s float32 instead
 * </pre>
 * Nothing is stored twice: the previous event's counterpart self is, whenever the event admitted the
 * counterpart to N^(1), the very snapshot of that slot (both rounded alike, {@link PreviousEvent}), and is then
 * stored as the slot's index. Times are Unix seconds in practice, so a slot's time is a short delta.
 *
 * <p>Bytes per node at the defaults (M1 = 32, M2 = 16, d_z = 4, d_s = 72), compact precision, with node ids
 * below 8,192, Unix-second times and slots written a few hundred events back (measured in
 * {@code NatStateCodecTest}): 242 for a node without events; 193 fixed once it has events (the previous
 * event's counterpart self stored as a slot index) plus about 87 per used neighbour slot (73 snapshot, 8 Z,
 * 2 each for key, seq and time deltas); 1,583 with 8 + 8 neighbour slots used (typical); 4,367 with all 48.
 * Float32 state (FP32) takes 2 more bytes per self and Z float and 3 more per snapshot float. Version 2 took
 * 630 / 328 per slot / 16,414.
 *
 * <p>Versions 1 and 2 ({@link NatLegacyFormat}), and version-3 records in float32 form, are still read and
 * migrated: their vectors are rounded on read to the codec's precision (its model's), as if the record had
 * been made now. A record in half form was made compact and is read as it is. A record of another shape than
 * the codec's is rejected with both shapes in the message.
 */
public final class NatStateCodec implements StateCodec<NatNodeState> {
    public static final int MAGIC = RecordHeader.magic("NATS");
    public static final int VERSION = 3;
    static final int FORM_FP32 = 0;
    static final int FORM_HALVES = 1;
    private static final int PRESENT = 1;
    private static final int SELF_IN_SLOT = 2;

    private final NatShape shape;
    private final StatePrecision precision;
    private final UnusedSlots unused;
    private final NatLegacyFormat legacy;

    /** A codec of records of {@code shape}, migrating float32 ones to {@code precision} on read. */
    public NatStateCodec(NatShape shape, StatePrecision precision) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.precision = Objects.requireNonNull(precision, "precision");
        this.unused = new UnusedSlots(shape);
        this.legacy = new NatLegacyFormat(shape, unused);
    }

    public NatShape shape() {
        return shape;
    }

    @Override
    public int version() {
        return VERSION;
    }

    /** Size of a version-1 record of {@code shape} (every slot stored in float32). */
    public static int version1Bytes(NatShape shape) {
        return NatLegacyFormat.allSlotsBytes(shape);
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
        int ds = shape.selfDim();
        boolean halves = halvesExact(state);
        RecordWriter w = new RecordWriter(256 + 96 * (state.n1().usedCount() + state.n2().usedCount()));
        w.i32(MAGIC).u16(VERSION);
        w.u16(shape.m1()).u16(shape.m2()).u16(shape.valueDim()).u16(ds);
        w.u8(halves ? FORM_HALVES : FORM_FP32);
        w.zigzag(state.node());
        w.dense(state.self(), 0, ds, halves);
        PreviousEvent p = state.previous();
        int ref = p.present() ? slotHoldingOtherSelf(state.n1(), p) : -1;
        w.u8((p.present() ? PRESENT : 0) | (ref >= 0 ? SELF_IN_SLOT : 0));
        if (p.present()) {
            w.zigzag(p.other()).zigzag(p.seq()).time(p.time(), 0);
        }
        if (ref >= 0) {
            w.u16(ref);
        } else {
            w.snapshot(p.otherSelf(), 0, ds);
        }
        putHop(w, state.n0(), p, halves);
        putHop(w, state.n1(), p, halves);
        if (shape.m2() > 0) {
            putHop(w, state.n2(), p, halves);
        }
        return w.toByteArray();
    }

    /** Whether every dense vector (self, Z of used slots) is a half bit for bit. */
    private static boolean halvesExact(NatNodeState s) {
        if (!RecordWriter.halvesExact(s.self(), 0, s.self().length)) {
            return false;
        }
        for (int hop = 0; hop <= 2; hop++) {
            NatSlots h = s.hop(hop);
            for (int i = 0; i < h.capacity(); i++) {
                if (h.isUsed(i) && !RecordWriter.halvesExact(h.values(), i * h.valueDim(), h.valueDim())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The n1 slot that the previous event wrote with the counterpart's self, when it holds exactly the bits of
     * {@code p.otherSelf()}; -1 when none does (the coin declined, or a later event moved the slot on).
     */
    private static int slotHoldingOtherSelf(NatSlots n1, PreviousEvent p) {
        int ds = n1.snapshotDim();
        float[] other = p.otherSelf();
        for (int i = 0; i < n1.capacity(); i++) {
            if (n1.isUsed(i) && n1.key(i) == p.other() && n1.seq(i) == p.seq() && other.length == ds
                    && n1.snapshotIs(i, other)) {
                return i;
            }
        }
        return -1;
    }

    private static void putHop(RecordWriter w, NatSlots s, PreviousEvent p, boolean halves) {
        int capacity = s.capacity();
        boolean[] used = s.used();
        for (int b = 0; b < UsedSlotBitmap.bytes(capacity); b++) {
            int bits = 0;
            for (int i = 8 * b; i < Math.min(capacity, 8 * b + 8); i++) {
                bits |= used[i] ? 1 << (i & 7) : 0;
            }
            w.u8(bits);
        }
        int dz = s.valueDim();
        int ds = s.snapshotDim();
        int cb = NatSlots.codeBytes(ds);
        for (int i = 0; i < capacity; i++) {
            if (used[i]) {
                w.zigzag(s.key(i)).zigzag(s.seq(i) - p.seq()).time(s.time(i), p.time());
                w.dense(s.values(), i * dz, dz, halves);
                if (ds > 0) {
                    w.snapshot(s.rawSnapshots(), i * ds, ds, s.codes(), i * cb);
                }
            }
        }
    }

    private void requireShape(NatNodeState state) {
        if (!state.fits(shape)) {
            throw new IllegalArgumentException("state of node " + state.node() + " does not have shape " + shape);
        }
    }

    private void requireUnwrittenZero(NatSlots s, int hop, long node) {
        int bad = unused.firstWithData(s);
        if (bad >= 0) {
            throw new IllegalArgumentException("node " + node + ": unused slot " + bad + " of hop " + hop
                    + " holds data; an unwritten slot must be all zero");
        }
    }

    @Override
    public NatNodeState decode(byte[] bytes) {
        int version = RecordHeader.check(ByteBuffer.wrap(bytes), MAGIC, "NAT state", VERSION,
                NatLegacyFormat.VERSION_USED_SLOTS, NatLegacyFormat.VERSION_ALL_SLOTS);
        if (version != VERSION) {
            return migrate(legacy.decode(bytes, version));
        }
        try {
            RecordReader r = new RecordReader(bytes, RecordHeader.BYTES, "NAT state");
            checkShape(r.u16(), r.u16(), r.u16(), r.u16());
            int form = r.u8();
            if (form != FORM_FP32 && form != FORM_HALVES) {
                throw new StateFormatException("NAT state record has form " + form + "; expected 0 (float32) or 1 (half)");
            }
            boolean halves = form == FORM_HALVES;
            int ds = shape.selfDim();
            int dz = shape.valueDim();
            long node = r.zigzag();
            float[] self = new float[ds];
            r.dense(self, 0, ds, halves);
            int flags = r.u8();
            if ((flags & ~(PRESENT | SELF_IN_SLOT)) != 0 || flags == SELF_IN_SLOT) {
                throw new StateFormatException("NAT state record has previous-event flags " + flags);
            }
            boolean present = (flags & PRESENT) != 0;
            long other = present ? r.zigzag() : 0;
            long seq = present ? r.zigzag() : 0;
            double time = present ? r.time(0) : 0;
            int ref = -1;
            float[] otherSelf = new float[ds];
            if ((flags & SELF_IN_SLOT) != 0) {
                ref = r.u16();
            } else {
                r.snapshot(otherSelf, 0, ds);
            }
            NatSlots n0 = getHop(r, 0, 1, 0, halves, seq, time);
            NatSlots n1 = getHop(r, 1, shape.m1(), ds, halves, seq, time);
            NatSlots n2 = shape.m2() > 0 ? getHop(r, 2, shape.m2(), ds, halves, seq, time)
                    : NatSlots.empty(1, dz, ds);
            if (r.remaining() > 0) {
                throw new StateFormatException("NAT state record has " + r.remaining()
                        + " bytes left over after its last hop (" + bytes.length + " bytes in all)");
            }
            if (ref >= 0) {
                if (ref >= n1.capacity() || !n1.isUsed(ref)) {
                    throw new StateFormatException("NAT state record takes the previous event's snapshot from slot "
                            + ref + " of hop 1, which is not a used slot");
                }
                otherSelf = n1.snapshotOf(ref);
            }
            NatNodeState s = new NatNodeState(node, n0, n1, n2, self, new PreviousEvent(present, other, seq, time,
                    otherSelf));
            return halves ? s : migrate(s);
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("NAT state record is inconsistent: " + e.getMessage());
        }
    }

    private void checkShape(int m1, int m2, int dz, int ds) {
        if (m1 != shape.m1() || m2 != shape.m2() || dz != shape.valueDim() || ds != shape.selfDim()) {
            throw new StateFormatException("NAT state record has shape (m1=" + m1 + ", m2=" + m2 + ", d_z=" + dz
                    + ", d_s=" + ds + "), this codec reads " + shape);
        }
    }

    private NatSlots getHop(RecordReader r, int hop, int capacity, int snapshotDim, boolean halves, long baseSeq,
            double baseTime) {
        boolean[] used = UsedSlotBitmap.read(r::u8, capacity, hop);
        int dz = shape.valueDim();
        long[] keys = new long[capacity];
        long[] seqs = new long[capacity];
        double[] times = new double[capacity];
        float[] values = new float[capacity * dz];
        float[] raw = null; // floats only for snapshots stored in float32
        int cb = NatSlots.codeBytes(snapshotDim);
        byte[] codes = new byte[capacity * cb]; // all zero: the code of an unused slot's zero snapshot
        for (int i = 0; i < capacity; i++) {
            if (used[i]) {
                keys[i] = r.zigzag();
                seqs[i] = baseSeq + r.zigzag();
                times[i] = r.time(baseTime);
                r.dense(values, i * dz, dz, halves);
                if (snapshotDim > 0 && !r.snapshotCode(codes, i * cb, snapshotDim)) {
                    if (raw == null) {
                        raw = new float[capacity * snapshotDim];
                    }
                    r.dense(raw, i * snapshotDim, snapshotDim, false);
                }
            }
        }
        float[] snapshots = raw;
        return new NatSlots(capacity, dz, snapshotDim, used, keys, seqs, times, values, snapshots, codes);
    }

    /**
     * A record decoded from float32 storage (an older version, or one written at FP32) rounded to the codec's
     * precision, as if it were made now.
     */
    private NatNodeState migrate(NatNodeState s) {
        if (precision == StatePrecision.FP32) {
            return s;
        }
        PreviousEvent previous = s.previous();
        return NatNodeState.rounded(precision, s.node(), round(s.n0()), round(s.n1()), round(s.n2()), s.self(),
                PreviousEvent.rounded(precision, previous.present(), previous.other(), previous.seq(),
                        previous.time(), previous.otherSelf()));
    }

    private NatSlots round(NatSlots s) {
        return new NatSlots(s.capacity(), s.valueDim(), s.snapshotDim(), s.used(), s.keys(), s.seqs(), s.times(),
                precision.denseRows(s.values(), s.valueDim()), precision.snapshots(s.snapshots(), s.snapshotDim()));
    }
}
