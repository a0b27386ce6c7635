package io.linkcast.model.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.StateFormatException;
import io.linkcast.state.baseline.EdgeBankCodec;
import io.linkcast.state.baseline.EdgeBankState;
import io.linkcast.state.baseline.NodeHistory;
import io.linkcast.state.baseline.NodeHistoryCodec;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeBankModelTest {

    @Test
    void shouldPredictOneOnlyForADirectedEdgeSeenBefore() {
        List<Interaction> events = List.of(Interaction.of("a", "b", 1), Interaction.of("a", "b", 2),
                Interaction.of("b", "a", 3), Interaction.of("a", "c", 4), Interaction.of("b", "a", 5));
        List<ModelOutput> out = BaselineFixtures.run(EdgeBankModel.unlimited(), events);
        assertThat(out).extracting(ModelOutput::pLink).containsExactly(0f, 1f, 0f, 0f, 1f);
        assertThat(out.get(0).pPositive()).isNaN();
    }

    @Test
    void shouldForgetEdgesOlderThanTheWindow() {
        EdgeBankModel model = new EdgeBankModel(5);
        MicroBatchEngine<EdgeBankState> engine = new MicroBatchEngine<>(model, new InMemoryNodeStateStore<>());
        BaselineFixtures.run(engine, List.of(Interaction.of("a", "b", 10)));
        long a = Interaction.of("a", "b", 0).src();
        long b = Interaction.of("a", "b", 0).dst();
        List<ModelOutput> scores = engine.score(List.of(new Query(a, b, 15), new Query(a, b, 15.5), new Query(b, a, 11)));
        assertThat(scores).extracting(ModelOutput::pLink).containsExactly(1f, 0f, 0f);
    }

    @Test
    void shouldKeepTheLatestTimeWhenALateEventArrives() {
        EdgeBankState s = EdgeBankState.EMPTY.with(7, 100).with(3, 50).with(7, 40);
        assertThat(s.lastTime(7)).isEqualTo(100.0);
        assertThat(s.destinations()).containsExactly(3, 7);
        assertThat(s.lastTime(9)).isNaN();
    }

    @Test
    void shouldRoundTripThroughTheCodecAndRejectForeignRecords() {
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
        assertThatThrownBy(() -> codec.decode(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(StateFormatException.class);
    }
}
