package io.linkcast.state.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.RecordHeader;
import io.linkcast.state.StateFormatException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaselineStateCodecTest {
    private final BaselineStateCodec codec = new BaselineStateCodec();

    /** A state after {@code steps} random events on a small id range, so partners repeat and get evicted. */
    static BaselineNodeState randomState(SplittableRandom rnd, int capacity, int steps) {
        BaselineNodeState s = BaselineNodeState.empty(capacity);
        for (int i = 0; i < steps; i++) {
            long other = rnd.nextLong(capacity * 2L + 1) - 3;
            double t = rnd.nextDouble(-1e6, 1e9);
            int sign = rnd.nextInt(3) - 1;
            s = rnd.nextBoolean() ? s.withOutgoing(other, t, sign) : s.withIncoming(other, t, sign);
        }
        return s;
    }

    @Test
    void shouldDocumentRecordSize() {
        // 6 header + 2 capacity + 2 used + 8 time + 8 events + 4*4 counters = 42; 8+8+4+1 = 21 per slot
        assertThat(BaselineStateCodec.recordBytes(32)).isEqualTo(714);
        assertThat(BaselineStateCodec.recordBytes(1)).isEqualTo(63);
        assertThat(codec.encode(BaselineNodeState.empty(32))).hasSize(714);
        assertThat(codec.encode(randomState(new SplittableRandom(1), 32, 500))).hasSize(714);
        assertThat(codec.version()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 32, 1024})
    void shouldRoundTripRandomStates(int capacity) {
        SplittableRandom rnd = new SplittableRandom(42L * capacity);
        for (int trial = 0; trial < 50; trial++) {
            BaselineNodeState s = randomState(rnd, capacity, rnd.nextInt(3 * capacity + 2));
            byte[] bytes = codec.encode(s);
            assertThat(bytes).hasSize(BaselineStateCodec.recordBytes(capacity));
            BaselineNodeState back = codec.decode(bytes);
            assertThat(back).as("trial %d, seed %d", trial, 42L * capacity).isEqualTo(s);
            assertThat(codec.encode(back)).isEqualTo(bytes);
        }
    }

    @Test
    void shouldRoundTripEmptyStateAsNaNTimeAndZeroSlots() {
        byte[] bytes = codec.encode(BaselineNodeState.empty(2));
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        assertThat(Double.isNaN(buf.getDouble(10))).isTrue();
        // everything after the time is zero for an empty node
        assertThat(Arrays.copyOfRange(bytes, 18, bytes.length)).containsOnly(0);
        assertThat(codec.decode(bytes)).isEqualTo(BaselineNodeState.empty(2));
    }

    @Test
    void shouldRejectUnknownVersion() {
        byte[] bytes = codec.encode(BaselineNodeState.empty(4).withOutgoing(1, 1.0, 1));
        bytes[5] = 2;
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("unknown baseline record version 2");
    }

    @Test
    void shouldRejectWrongMagic() {
        byte[] bytes = codec.encode(BaselineNodeState.empty(4));
        ByteBuffer.wrap(bytes).putInt(0, RecordHeader.magic("NATS"));
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("not a baseline record");
    }

    @Test
    void shouldRejectTruncatedAndOverlongRecords() {
        byte[] bytes = codec.encode(BaselineNodeState.empty(4).withOutgoing(1, 1.0, 1));
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("truncated")
                .hasMessageContaining("126 bytes, got 125");
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, 8))).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, 3))).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("got 127");
    }

    @Test
    void shouldRejectCorruptContent() {
        byte[] bytes = codec.encode(BaselineNodeState.empty(4).withOutgoing(1, 1.0, 1));
        byte[] tooMany = bytes.clone();
        ByteBuffer.wrap(tooMany).putShort(8, (short) 5);
        assertThatThrownBy(() -> codec.decode(tooMany)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("uses 5 partner slots of 4");
        byte[] badSign = bytes.clone();
        badSign[42 + 20] = 3;
        assertThatThrownBy(() -> codec.decode(badSign)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("corrupt baseline record").hasMessageContaining("got 3");
        byte[] zeroCapacity = bytes.clone();
        ByteBuffer.wrap(zeroCapacity).putShort(6, (short) 0);
        assertThatThrownBy(() -> codec.decode(zeroCapacity)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("capacity 0");
    }
}
