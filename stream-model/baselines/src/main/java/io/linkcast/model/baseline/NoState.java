package io.linkcast.model.baseline;

import io.linkcast.state.RecordHeader;
import io.linkcast.state.StateCodec;
import java.nio.ByteBuffer;

/** The per-node state of a model that keeps none. */
public enum NoState {
    INSTANCE;

    /** Version 1: the header "NONE"/1 and nothing else. */
    public static final class Codec implements StateCodec<NoState> {
        public static final int MAGIC = RecordHeader.magic("NONE");

        @Override
        public int version() {
            return 1;
        }

        @Override
        public byte[] encode(NoState state) {
            ByteBuffer buf = ByteBuffer.allocate(RecordHeader.BYTES);
            new RecordHeader(MAGIC, 1).write(buf);
            return buf.array();
        }

        @Override
        public NoState decode(byte[] bytes) {
            RecordHeader.check(ByteBuffer.wrap(bytes), MAGIC, "stateless", 1);
            return INSTANCE;
        }
    }
}
