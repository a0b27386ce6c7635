package io.linkcast.state.nat;

import io.linkcast.state.StateFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads the NAT records of earlier builds (versions 1 and 2), which {@link NatStateCodec} migrates; never
 * writes them.
 *
 * <p>Layout of version 2, big-endian:
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
 * With the defaults a version-2 record was 630 bytes without events, 328 more per used neighbour slot, 16,414
 * full. Version 1 is the same layout with every slot written whether used or not (so every record has the
 * full size); its unused slots must hold zeros.
 */
final class NatLegacyFormat {
    static final int VERSION_ALL_SLOTS = 1;
    static final int VERSION_USED_SLOTS = 2;

    private static final int HEAD_BYTES = 6 + 8 + 8;
    private static final int PREVIOUS_BYTES = 1 + 8 + 8 + 8;
    private static final int SLOT_SCALAR_BYTES = 8 + 8 + 8;
    private static final VarHandle FLOAT_BE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.BIG_ENDIAN);

    private final NatShape shape;
    private final UnusedSlots unused;

    NatLegacyFormat(NatShape shape, UnusedSlots unused) {
        this.shape = shape;
        this.unused = unused;
    }

    /** Size of a version-1 record of {@code shape} (every slot stored). */
    static int allSlotsBytes(NatShape shape) {
        int ds = shape.selfDim();
        int dz = shape.valueDim();
        return HEAD_BYTES + 4 * ds + PREVIOUS_BYTES + 4 * ds + hopBytes(1, 1, dz, 0)
                + hopBytes(shape.m1(), shape.m1(), dz, ds) + hopBytes(shape.m2(), shape.m2(), dz, ds);
    }

    private static int hopBytes(int slots, int used, int dz, int snapshotDim) {
        return slots == 0 ? 0 : (slots + 7) / 8 + used * (SLOT_SCALAR_BYTES + 4 * dz + 4 * snapshotDim);
    }

    /** Decodes a version-1 or version-2 record whose header (already checked) said {@code version}. */
    NatNodeState decode(byte[] bytes, int version) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.position(6);
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
            if (allSlots && bytes.length != allSlotsBytes(shape)) {
                throw new StateFormatException("NAT state record (version 1) has " + bytes.length
                        + " bytes, shape " + shape + " needs " + allSlotsBytes(shape));
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

    /** Reads one hop: its bitmap, then either the used slots (version 2) or every slot (version 1). */
    private NatSlots getSlots(ByteBuffer buf, boolean allSlots, int hop, int capacity, int dz,
            int snapshotDim) {
        boolean[] used = UsedSlotBitmap.read(buf::get, capacity, hop);
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
        int bad = allSlots ? unused.firstWithData(slots) : -1;
        if (bad >= 0) {
            throw new StateFormatException("NAT state record (version 1) holds data in unused slot " + bad
                    + " of hop " + hop + "; an unwritten slot must be all zero");
        }
        return slots;
    }

    // a big-endian view moves raw bits, so NaN payloads survive
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
