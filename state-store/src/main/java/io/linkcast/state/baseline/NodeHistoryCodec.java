package io.linkcast.state.baseline;

import io.linkcast.state.RecordHeader;
import io.linkcast.state.StateCodec;
import io.linkcast.state.StateFormatException;
import java.nio.ByteBuffer;

/**
 * Version 1: header "HIST"/1; int outCount, int outNeg, double outSum, int inCount, int inNeg, double inSum,
 * double lastTime, int n, then n × (long destination, byte sign).
 */
public final class NodeHistoryCodec implements StateCodec<NodeHistory> {
    public static final int MAGIC = RecordHeader.magic("HIST");
    public static final int VERSION = 1;
    private static final int FIXED = 4 + 4 + 8 + 4 + 4 + 8 + 8 + 4;

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public byte[] encode(NodeHistory s) {
        int n = s.destinations();
        ByteBuffer buf = ByteBuffer.allocate(RecordHeader.BYTES + FIXED + 9 * n);
        new RecordHeader(MAGIC, VERSION).write(buf);
        buf.putInt(s.outCount()).putInt(s.outNeg()).putDouble(s.outSum())
                .putInt(s.inCount()).putInt(s.inNeg()).putDouble(s.inSum())
                .putDouble(s.lastTime()).putInt(n);
        for (int i = 0; i < n; i++) {
            buf.putLong(s.givenToAt(i)).put(s.givenSignAt(i));
        }
        return buf.array();
    }

    @Override
    public NodeHistory decode(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        RecordHeader.check(buf, MAGIC, "node-history", VERSION);
        if (buf.remaining() < FIXED) {
            throw new StateFormatException("node-history record too short: " + bytes.length + " bytes");
        }
        int outCount = buf.getInt();
        int outNeg = buf.getInt();
        double outSum = buf.getDouble();
        int inCount = buf.getInt();
        int inNeg = buf.getInt();
        double inSum = buf.getDouble();
        double last = buf.getDouble();
        int n = buf.getInt();
        if (n < 0 || buf.remaining() != 9L * n) {
            throw new StateFormatException("node-history record of " + bytes.length + " bytes does not hold " + n
                    + " destinations");
        }
        long[] to = new long[n];
        byte[] signs = new byte[n];
        for (int i = 0; i < n; i++) {
            to[i] = buf.getLong();
            signs[i] = buf.get();
        }
        try {
            return new NodeHistory(outCount, outNeg, outSum, inCount, inNeg, inSum, last, to, signs);
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("corrupt node-history record: " + e.getMessage());
        }
    }
}
