package io.linkcast.state.semba;

import io.linkcast.state.RecordHeader;
import io.linkcast.state.StateCodec;
import io.linkcast.state.StateFormatException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary codec of {@link SembaNodeState}, version 1 (big-endian).
 *
 * <pre>
 * offset  bytes        field
 *      0  6            header: magic "SMBA", version (u16)
 *      6  2            memory dimension d (u16)
 *      8  1            memories m: 2, or 1 for the one-memory variant (u8)
 *      9  1            neighbour count n (u8)
 *     10  8            memoryTime (f64; NaN = no event folded in yet)
 *     18  4 x 4        outDegree, inDegree, negativeGiven, negativeReceived (i32)
 *     34  8 x 2        ratingGiven, ratingReceived (f64)
 *     50  4 m d        positive memory, then negative memory (f32)
 *         n x (22 + 4 m d)  neighbours, oldest first: node (i64), t (f64), sign (i8), direction (i8),
 *                      weight (f32; NaN = none), snapshot of the partner's memories (m d f32)
 * </pre>
 *
 * <p>Bytes per node: {@code 50 + 4 m d + n (22 + 4 m d)}. At the defaults (d = 64, two memories, at most 20
 * neighbours) a record is 562 B for a node without events and at most 11,242 B; the one-memory variant at most
 * 5,866 B. The size is bounded, not fixed: a node carries only the neighbours it has.
 *
 * <p>Stateless and thread-safe.
 */
public final class SembaStateCodec implements StateCodec<SembaNodeState> {
    public static final int MAGIC = RecordHeader.magic("SMBA");
    public static final int VERSION = 1;
    /** Bytes before the memories. */
    public static final int FIXED_BYTES = 50;
    /** Bytes of a neighbour entry besides its snapshot. */
    public static final int NEIGHBOUR_BYTES = 22;

    /** Encoded size of a record with these dimensions. */
    public static int recordBytes(int memoryDim, int memories, int neighbours) {
        int width = memoryDim * memories;
        return FIXED_BYTES + 4 * width + neighbours * (NEIGHBOUR_BYTES + 4 * width);
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public byte[] encode(SembaNodeState s) {
        int memories = s.hasNegativeMemory() ? 2 : 1;
        ByteBuffer buf = ByteBuffer.allocate(recordBytes(s.memoryDim(), memories, s.neighbours().size()));
        new RecordHeader(MAGIC, VERSION).write(buf);
        buf.putShort((short) s.memoryDim()).put((byte) memories).put((byte) s.neighbours().size());
        buf.putDouble(s.memoryTime());
        SembaHistory h = s.history();
        buf.putInt(h.outDegree()).putInt(h.inDegree()).putInt(h.negativeGiven()).putInt(h.negativeReceived());
        buf.putDouble(h.ratingGiven()).putDouble(h.ratingReceived());
        putFloats(buf, s.positiveMemory());
        putFloats(buf, s.negativeMemory());
        for (SembaNeighbour n : s.neighbours()) {
            buf.putLong(n.node()).putDouble(n.t()).put((byte) n.sign()).put((byte) n.direction());
            buf.putFloat(n.weight());
            putFloats(buf, n.snapshot());
        }
        return buf.array();
    }

    @Override
    public SembaNodeState decode(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        RecordHeader.check(buf, MAGIC, "SEMBA state", VERSION);
        try {
            int dim = buf.getShort() & 0xffff;
            int memories = buf.get() & 0xff;
            int count = buf.get() & 0xff;
            if (memories != 1 && memories != 2) {
                throw new StateFormatException("SEMBA state: memories must be 1 or 2, got " + memories);
            }
            int expected = recordBytes(dim, memories, count);
            if (bytes.length != expected) {
                throw new StateFormatException("SEMBA state record has " + bytes.length + " bytes, expected "
                        + expected + " for d=" + dim + ", memories=" + memories + ", neighbours=" + count);
            }
            double memoryTime = buf.getDouble();
            SembaHistory history = new SembaHistory(buf.getInt(), buf.getInt(), buf.getInt(), buf.getInt(),
                    buf.getDouble(), buf.getDouble());
            float[] positive = getFloats(buf, dim);
            float[] negative = getFloats(buf, memories == 2 ? dim : 0);
            List<SembaNeighbour> neighbours = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long node = buf.getLong();
                double t = buf.getDouble();
                int sign = buf.get();
                int direction = buf.get();
                float weight = buf.getFloat();
                neighbours.add(new SembaNeighbour(node, t, sign, direction, weight, getFloats(buf, dim * memories)));
            }
            return new SembaNodeState(positive, negative, memoryTime, history, neighbours);
        } catch (BufferUnderflowException e) {
            throw new StateFormatException("SEMBA state record truncated at " + bytes.length + " bytes");
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("SEMBA state record holds an invalid value: " + e.getMessage());
        }
    }

    private static void putFloats(ByteBuffer buf, float[] values) {
        buf.asFloatBuffer().put(values);
        buf.position(buf.position() + 4 * values.length);
    }

    private static float[] getFloats(ByteBuffer buf, int n) {
        float[] out = new float[n];
        buf.asFloatBuffer().get(out);
        buf.position(buf.position() + 4 * n);
        return out;
    }
}
