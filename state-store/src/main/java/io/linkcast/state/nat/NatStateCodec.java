package io.linkcast.state.nat;

import io.linkcast.state.RecordHeader;
import io.linkcast.state.StateCodec;
import io.linkcast.state.StateFormatException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Fixed-size binary codec of {@link NatNodeState} (architecture contract 6).
 *
 * <p>Layout of version 1, big-endian, every slot written whether used or not:
 * <pre>
 * header      magic "NATS" (4) + version (2)
 * shape       m1, m2, d_z, d_s as unsigned 16-bit (8)
 * node        int64 (8)
 * self        d_s float32
 * previous    present u8, other int64, seq int64, time float64, otherSelf d_s float32
 * n0, n1, n2  each: used bitmap ceil(M/8) bytes (bit i of byte i/8, LSB first),
 *             then per slot: key int64, seq int64, time float64, Z d_z float32, snapshot (d_s or 0) float32
 *             (n2 is absent when m2 = 0)
 * </pre>
 * Bytes per node = 22 + 4·d_s + (25 + 4·d_s) + (1 + 24 + 4·d_z) + Σ_{k=1,2} (⌈M_k/8⌉ + M_k·(24 + 4·d_z + 4·d_s));
 * with the defaults (M1 = 32, M2 = 16, d_z = 4, d_s = 72) that is 16,414 bytes. The neighbour snapshots
 * (d_s floats per slot) are 88 % of it: they are the price of locality (the original reads every
 * neighbour's live self representation from a global table, 1,672 bytes per node, nat-spec.md §8).
 *
 * <p>Floats are stored bit for bit (signed zeros and NaN payloads survive a round trip). A record of another
 * shape than the codec's is rejected with both shapes in the message.
 */
public final class NatStateCodec implements StateCodec<NatNodeState> {
    public static final int MAGIC = RecordHeader.magic("NATS");
    public static final int VERSION = 1;

    private final NatShape shape;

    public NatStateCodec(NatShape shape) {
        this.shape = Objects.requireNonNull(shape, "shape");
    }

    public NatShape shape() {
        return shape;
    }

    @Override
    public int version() {
        return VERSION;
    }

    /** Size of every record this codec writes. */
    public int bytesPerNode() {
        return bytesPerNode(shape);
    }

    /** Size of a version-1 record of {@code shape}. */
    public static int bytesPerNode(NatShape shape) {
        int ds = shape.selfDim();
        int dz = shape.valueDim();
        int fixed = RecordHeader.BYTES + 8 + 8 + 4 * ds + (1 + 24 + 4 * ds);
        int n0 = 1 + 24 + 4 * dz;
        return fixed + n0 + hopBytes(shape.m1(), dz, ds) + hopBytes(shape.m2(), dz, ds);
    }

    private static int hopBytes(int slots, int dz, int snapshotDim) {
        return slots == 0 ? 0 : (slots + 7) / 8 + slots * (24 + 4 * dz + 4 * snapshotDim);
    }

    @Override
    public byte[] encode(NatNodeState state) {
        if (!state.fits(shape)) {
            throw new IllegalArgumentException("state of node " + state.node() + " does not have shape " + shape);
        }
        ByteBuffer buf = ByteBuffer.allocate(bytesPerNode());
        new RecordHeader(MAGIC, VERSION).write(buf);
        buf.putShort((short) shape.m1()).putShort((short) shape.m2()).putShort((short) shape.valueDim())
                .putShort((short) shape.selfDim());
        buf.putLong(state.node());
        putFloats(buf, state.self());
        PreviousEvent p = state.previous();
        buf.put((byte) (p.present() ? 1 : 0)).putLong(p.other()).putLong(p.seq()).putDouble(p.time());
        putFloats(buf, p.otherSelf());
        putSlots(buf, state.n0());
        putSlots(buf, state.n1());
        if (shape.m2() > 0) {
            putSlots(buf, state.n2());
        }
        if (buf.hasRemaining()) {
            throw new IllegalStateException("NAT record layout is inconsistent: " + buf.remaining() + " bytes left");
        }
        return buf.array();
    }

    @Override
    public NatNodeState decode(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        RecordHeader.check(buf, MAGIC, "NAT state", VERSION);
        try {
            int m1 = buf.getShort() & 0xffff;
            int m2 = buf.getShort() & 0xffff;
            int dz = buf.getShort() & 0xffff;
            int ds = buf.getShort() & 0xffff;
            if (m1 != shape.m1() || m2 != shape.m2() || dz != shape.valueDim() || ds != shape.selfDim()) {
                throw new StateFormatException("NAT state record has shape (m1=" + m1 + ", m2=" + m2 + ", d_z=" + dz
                        + ", d_s=" + ds + "), this codec reads " + shape);
            }
            if (bytes.length != bytesPerNode()) {
                throw new StateFormatException("NAT state record has " + bytes.length + " bytes, shape " + shape
                        + " needs " + bytesPerNode());
            }
            long node = buf.getLong();
            float[] self = getFloats(buf, ds);
            boolean present = readFlag(buf);
            long other = buf.getLong();
            long seq = buf.getLong();
            double time = buf.getDouble();
            PreviousEvent previous = new PreviousEvent(present, other, seq, time, getFloats(buf, ds));
            NatSlots n0 = getSlots(buf, 1, dz, 0);
            NatSlots n1 = getSlots(buf, m1, dz, ds);
            NatSlots n2 = m2 > 0 ? getSlots(buf, m2, dz, ds) : NatSlots.empty(1, dz, ds);
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

    private static void putSlots(ByteBuffer buf, NatSlots s) {
        byte[] bitmap = new byte[(s.capacity() + 7) / 8];
        for (int i = 0; i < s.capacity(); i++) {
            if (s.isUsed(i)) {
                bitmap[i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
        buf.put(bitmap);
        for (int i = 0; i < s.capacity(); i++) {
            buf.putLong(s.key(i)).putLong(s.seq(i)).putDouble(s.time(i));
            for (int j = 0; j < s.valueDim(); j++) {
                buf.putFloat(s.values()[i * s.valueDim() + j]);
            }
            for (int j = 0; j < s.snapshotDim(); j++) {
                buf.putFloat(s.snapshots()[i * s.snapshotDim() + j]);
            }
        }
    }

    private static NatSlots getSlots(ByteBuffer buf, int capacity, int dz, int snapshotDim) {
        byte[] bitmap = new byte[(capacity + 7) / 8];
        buf.get(bitmap);
        boolean[] used = new boolean[capacity];
        long[] keys = new long[capacity];
        long[] seqs = new long[capacity];
        double[] times = new double[capacity];
        float[] values = new float[capacity * dz];
        float[] snapshots = new float[capacity * snapshotDim];
        for (int i = 0; i < capacity; i++) {
            used[i] = (bitmap[i >>> 3] & (1 << (i & 7))) != 0;
            keys[i] = buf.getLong();
            seqs[i] = buf.getLong();
            times[i] = buf.getDouble();
            for (int j = 0; j < dz; j++) {
                values[i * dz + j] = buf.getFloat();
            }
            for (int j = 0; j < snapshotDim; j++) {
                snapshots[i * snapshotDim + j] = buf.getFloat();
            }
        }
        return new NatSlots(capacity, dz, snapshotDim, used, keys, seqs, times, values, snapshots);
    }

    private static void putFloats(ByteBuffer buf, float[] v) {
        for (float f : v) {
            buf.putFloat(f);
        }
    }

    private static float[] getFloats(ByteBuffer buf, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = buf.getFloat();
        }
        return v;
    }
}
