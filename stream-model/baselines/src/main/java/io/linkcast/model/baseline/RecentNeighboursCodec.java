package io.linkcast.model.baseline;

import io.linkcast.state.RecordHeader;
import io.linkcast.state.StateCodec;
import io.linkcast.state.StateFormatException;
import java.nio.ByteBuffer;

/** Version 1: header "NBRS"/1, long events, int count, then count × (long id, double time, long degree). */
public final class RecentNeighboursCodec implements StateCodec<RecentNeighbours> {
    public static final int MAGIC = RecordHeader.magic("NBRS");
    public static final int VERSION = 1;

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public byte[] encode(RecentNeighbours s) {
        int n = s.size();
        ByteBuffer buf = ByteBuffer.allocate(RecordHeader.BYTES + 12 + 24 * n);
        new RecordHeader(MAGIC, VERSION).write(buf);
        buf.putLong(s.events()).putInt(n);
        for (int i = 0; i < n; i++) {
            buf.putLong(s.idAt(i)).putDouble(s.timeAt(i)).putLong(s.degreeAt(i));
        }
        return buf.array();
    }

    @Override
    public RecentNeighbours decode(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        RecordHeader.check(buf, MAGIC, "recent-neighbours", VERSION);
        if (buf.remaining() < 12) {
            throw new StateFormatException("recent-neighbours record too short: " + bytes.length + " bytes");
        }
        long events = buf.getLong();
        int n = buf.getInt();
        if (n < 0 || buf.remaining() != 24L * n) {
            throw new StateFormatException("recent-neighbours record of " + bytes.length + " bytes does not hold "
                    + n + " entries");
        }
        long[] ids = new long[n];
        double[] times = new double[n];
        long[] degrees = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = buf.getLong();
            times[i] = buf.getDouble();
            degrees[i] = buf.getLong();
        }
        return new RecentNeighbours(events, ids, times, degrees);
    }
}
