package io.linkcast.state.semba;

import io.linkcast.state.RecordHeader;
import io.linkcast.state.StateFormatException;
import io.linkcast.state.compact.StatePrecision;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SEMBA records of version 1, which {@link SembaStateCodec} migrates (their float32 vectors are rounded
 * to the codec's precision, as if the record were made now); never writes them.
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
 * Bytes per node: {@code 50 + 4 m d + n (22 + 4 m d)}: 562 B without events and 11,242 B with 20 neighbours
 * at d = 64 with two memories.
 */
final class SembaLegacyFormat {
    static final int VERSION = 1;
    static final int FIXED_BYTES = 50;
    static final int NEIGHBOUR_BYTES = 22;

    private SembaLegacyFormat() {
    }

    /** Size of a version-1 record with these dimensions. */
    static int recordBytes(int memoryDim, int memories, int neighbours) {
        int width = memoryDim * memories;
        return FIXED_BYTES + 4 * width + neighbours * (NEIGHBOUR_BYTES + 4 * width);
    }

    static SembaNodeState decode(byte[] bytes, StatePrecision precision) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.position(RecordHeader.BYTES);
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
                neighbours.add(new SembaNeighbour(node, t, sign, direction, weight, getFloats(buf, dim * memories),
                        precision));
            }
            return SembaNodeState.rounded(precision, positive, negative, memoryTime, history, neighbours);
        } catch (BufferUnderflowException e) {
            throw new StateFormatException("SEMBA state record truncated at " + bytes.length + " bytes");
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("SEMBA state record holds an invalid value: " + e.getMessage());
        }
    }

    private static float[] getFloats(ByteBuffer buf, int n) {
        float[] out = new float[n];
        buf.asFloatBuffer().get(out);
        buf.position(buf.position() + 4 * n);
        return out;
    }
}
