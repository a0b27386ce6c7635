package io.linkcast.state.baseline;

import io.linkcast.state.RecordHeader;
import io.linkcast.state.StateCodec;
import io.linkcast.state.StateFormatException;
import java.nio.ByteBuffer;

/** Version 1: header "EDGB"/1, int count, then count × (long destination, double last time). */
public final class EdgeBankCodec implements StateCodec<EdgeBankState> {
    public static final int MAGIC = RecordHeader.magic("EDGB");
    public static final int VERSION = 1;

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public byte[] encode(EdgeBankState state) {
        long[] d = state.destinations();
        double[] t = state.lastTimes();
        ByteBuffer buf = ByteBuffer.allocate(RecordHeader.BYTES + 4 + 16 * d.length);
        new RecordHeader(MAGIC, VERSION).write(buf);
        buf.putInt(d.length);
        for (int i = 0; i < d.length; i++) {
            buf.putLong(d[i]).putDouble(t[i]);
        }
        return buf.array();
    }

    @Override
    public EdgeBankState decode(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        RecordHeader.check(buf, MAGIC, "EdgeBank", VERSION);
        int n = buf.remaining() >= 4 ? buf.getInt() : -1;
        if (n < 0 || buf.remaining() != 16L * n) {
            throw new StateFormatException("EdgeBank record of " + bytes.length + " bytes does not hold " + n
                    + " entries");
        }
        long[] d = new long[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = buf.getLong();
            t[i] = buf.getDouble();
        }
        return new EdgeBankState(d, t);
    }
}
