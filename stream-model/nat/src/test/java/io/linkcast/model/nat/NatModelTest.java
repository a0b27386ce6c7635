package io.linkcast.model.nat;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.nat.NatNodeState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatModelTest {

    @Test
    void shouldFreeEveryArrayOfAWaveOrAQueryWhenItEnds() {
        List<SequencedEvent> stream = NatTestSupport.syntheticStream(5, 120, 20);
        // NAT's narrow weights (fewer than 16 outputs) are padded again at every call
        NatConfig config = NatConfig.defaults().withSlots(4, 2);
        try (NatNetwork network = NatNetwork.create(config, 2, Device.cpu())) {
            NatModel model = new NatModel(network, "memory");
            MicroBatchEngine<NatNodeState> engine = new MicroBatchEngine<>(model, new InMemoryNodeStateStore<>());
            engine.process(stream.subList(0, 10));
            int held = network.manager().getManagedArrays().size();
            List<Query> negatives = new ArrayList<>();
            for (SequencedEvent e : stream.subList(10, 120)) {
                negatives.add(new Query(e.event().src(), 1, e.event().t()));
            }
            engine.process(stream.subList(10, 120), negatives);
            engine.score(negatives.subList(0, 5));
            assertThat(network.manager().getManagedArrays()).hasSize(held);
        }
    }
}
