package io.linkcast.state.baseline;

import io.linkcast.state.RecordHeader;
import io.linkcast.state.StateCodec;
import io.linkcast.state.StateFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary codec of {@link BaselineNodeState}, magic {@code "BASE"}, version 1.
 *
 * <p>A record has a fixed size for a given capacity: unused partner slots are written as zeros, so a node's
 * record never grows. Layout (big-endian):
 *
 * <pre>
 * offset  bytes  field
 *      0      4  magic "BASE"
 *      4      2  version (1)
 *      6      2  capacity (1..1024)
 *      8      2  partners in use (0..capacity)
 *     10      8  lastTime (IEEE 754 double; NaN for a node without events)
 *     18      8  events
 *     26      4  outPositive
 *     30      4  outNegative
 *     34      4  inPositive
 *     38      4  inNegative
 *     42  21 x capacity  partner slots, most recent first:
 *                  8 partner id, 8 lastTime (double), 4 count, 1 lastSign (signed byte)
 * </pre>
 *
 * Bytes per node: {@code 42 + 21 * capacity} = 6 header + 36 fields + 21 per slot; 714 bytes at the default
 * capacity of 32. Stateless and thread-safe.
 */
public final class BaselineStateCodec implements StateCodec<BaselineNodeState> {
    /** Magic of every baseline record. */
    public static final int MAGIC = RecordHeader.magic("BASE");
    /** The version this codec writes. */
    public static final int VERSION = 1;
    /** Bytes before the partner slots: header, capacity, partner count, time, and the five counters. */
    public static final int FIXED_BYTES = RecordHeader.BYTES + 2 + 2 + 8 + 8 + 4 * 4;
    /** Bytes of one partner slot. */
    public static final int SLOT_BYTES = 8 + 8 + 4 + 1;

    private static final String KIND = "baseline";
    private static final RecordHeader HEADER = new RecordHeader(MAGIC, VERSION);

    /** Size of the record of a state with {@code capacity} partner slots. */
    public static int recordBytes(int capacity) {
        return FIXED_BYTES + SLOT_BYTES * capacity;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public byte[] encode(BaselineNodeState state) {
        ByteBuffer buf = ByteBuffer.allocate(recordBytes(state.capacity()));
        HEADER.write(buf);
        List<PartnerEntry> partners = state.partners();
        buf.putShort((short) state.capacity())
                .putShort((short) partners.size())
                .putDouble(state.lastTime())
                .putLong(state.events())
                .putInt(state.outPositive())
                .putInt(state.outNegative())
                .putInt(state.inPositive())
                .putInt(state.inNegative());
        for (PartnerEntry p : partners) {
            buf.putLong(p.partner()).putDouble(p.lastTime()).putInt(p.count()).put((byte) p.lastSign());
        }
        // the remaining slots stay zero: ByteBuffer.allocate zero-fills
        return buf.array();
    }

    @Override
    public BaselineNodeState decode(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        RecordHeader.check(buf, MAGIC, KIND, VERSION);
        if (buf.remaining() < 4) {
            throw new StateFormatException(KIND + " record truncated: " + bytes.length + " bytes, at least "
                    + FIXED_BYTES + " needed");
        }
        int capacity = buf.getShort() & 0xffff;
        int used = buf.getShort() & 0xffff;
        if (capacity < 1 || capacity > BaselineNodeState.MAX_CAPACITY) {
            throw new StateFormatException(KIND + " record capacity " + capacity + " is outside 1.."
                    + BaselineNodeState.MAX_CAPACITY);
        }
        if (bytes.length != recordBytes(capacity)) {
            throw new StateFormatException(KIND + " record of capacity " + capacity + " must have "
                    + recordBytes(capacity) + " bytes, got " + bytes.length + (bytes.length < recordBytes(capacity)
                            ? " (truncated)" : ""));
        }
        if (used > capacity) {
            throw new StateFormatException(KIND + " record uses " + used + " partner slots of " + capacity);
        }
        double lastTime = buf.getDouble();
        long events = buf.getLong();
        int outPositive = buf.getInt();
        int outNegative = buf.getInt();
        int inPositive = buf.getInt();
        int inNegative = buf.getInt();
        try {
            List<PartnerEntry> partners = new ArrayList<>(used);
            for (int i = 0; i < used; i++) {
                long partner = buf.getLong();
                double time = buf.getDouble();
                int count = buf.getInt();
                int sign = buf.get();
                partners.add(new PartnerEntry(partner, time, sign, count));
            }
            return BaselineNodeState.of(lastTime, events, outPositive, outNegative, inPositive, inNegative,
                    capacity, partners);
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("corrupt " + KIND + " record: " + e.getMessage());
        }
    }
}
