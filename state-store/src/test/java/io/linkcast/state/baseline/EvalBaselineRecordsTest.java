package io.linkcast.state.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.StateFormatException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The records of the evaluation-only baselines (EdgeBank, history sign) and their codecs. */
class EvalBaselineRecordsTest {

    @Test
    void shouldKeepTheLatestTimeWhenALateEventArrives() {
        EdgeBankState s = EdgeBankState.EMPTY.with(7, 100).with(3, 50).with(7, 40);
        assertThat(s.lastTime(7)).isEqualTo(100.0);
        assertThat(s.destinations()).containsExactly(3, 7);
        assertThat(s.lastTime(9)).isNaN();
    }

    @Test
    void shouldRoundTripEdgeBankRecordsAndRejectForeignOnes() {
        EdgeBankCodec codec = new EdgeBankCodec();
        EdgeBankState s = EdgeBankState.EMPTY.with(-5, 1.5).with(42, 2.25);
        byte[] bytes = codec.encode(s);
        assertThat(bytes).hasSize(6 + 4 + 32);
        assertThat(codec.decode(bytes)).isEqualTo(s);
        byte[] future = bytes.clone();
        ByteBuffer.wrap(future).putShort(4, (short) 2);
        assertThatThrownBy(() -> codec.decode(future)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> codec.decode(new NodeHistoryCodec().encode(NodeHistory.EMPTY)))
                .isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(StateFormatException.class);
    }

    @Test
    void shouldRoundTripHistoryRecords() {
        NodeHistoryCodec codec = new NodeHistoryCodec();
        NodeHistory h = NodeHistory.EMPTY.afterGiving(9, -1, -4, 3).afterGiving(2, 1, 1, 4).afterReceiving(1, 7, 5);
        assertThat(codec.decode(codec.encode(h))).isEqualTo(h);
        assertThat(codec.decode(codec.encode(NodeHistory.EMPTY))).isEqualTo(NodeHistory.EMPTY);
        assertThat(h.signGivenTo(9)).isEqualTo(-1);
        assertThat(h.signGivenTo(3)).isZero();
    }
}
