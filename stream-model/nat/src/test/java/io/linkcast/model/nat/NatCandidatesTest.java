package io.linkcast.model.nat;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.nat.NatNodeState;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatCandidatesTest {

    @Test
    void shouldProposeTheNodesOneAndTwoHopNeighboursButNeverItself() {
        try (NatNetwork network = NatNetwork.create(NatConfig.defaults().withSlots(8, 4), 3, Device.cpu())) {
            NatModel model = new NatModel(network, "candidates");
            InMemoryNodeStateStore<NatNodeState> store = new InMemoryNodeStateStore<>();
            MicroBatchEngine<NatNodeState> engine = new MicroBatchEngine<>(model, store);
            // 2 meets 3 and 4; then 1 meets 2: 1's 1-hop holds 2, its 2-hop copies 2's 1-hop (3, 4, and 1 itself)
            engine.process(List.of(new SequencedEvent(0, Interaction.of("2", "3", 1)),
                    new SequencedEvent(1, Interaction.of("2", "4", 2)),
                    new SequencedEvent(2, Interaction.of("1", "2", 3))));
            NatNodeState one = store.getAll(new long[] {1}).get(0);
            assertThat(model.candidates(1, one)).containsExactlyInAnyOrder(2L, 3L, 4L);
            NatNodeState five = model.emptyState(5);
            assertThat(model.candidates(5, five)).isEmpty();
        }
    }
}
