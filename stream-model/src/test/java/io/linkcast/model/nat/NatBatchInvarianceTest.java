package io.linkcast.model.nat;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.nat.NatNodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Architecture contract 3: a micro-batch is an execution detail. The same seeded stream cut into batches of
 * 1, 7 and 200 events gives bit-identical predictions and bit-identical final states.
 */
class NatBatchInvarianceTest {

    @Test
    void shouldGiveIdenticalPredictionsAndStatesForBatchSizes1And7And200() {
        List<SequencedEvent> stream = NatTestSupport.syntheticStream(42, 240, 30);
        NatConfig config = NatConfig.defaults().withSlots(8, 4);
        try (NatNetwork network = NatNetwork.create(config, 3, Device.cpu())) {
            NatModel model = new NatModel(network, "invariance");
            Run one = run(model, stream, 1);
            Run seven = run(model, stream, 7);
            Run all = run(model, stream, 200);

            assertThat(seven.predictions).containsExactly(one.predictions);
            assertThat(all.predictions).containsExactly(one.predictions);
            long[] ids = new long[30];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i + 1;
            }
            List<NatNodeState> s1 = one.store.getAll(ids);
            assertThat(seven.store.getAll(ids)).isEqualTo(s1);
            assertThat(all.store.getAll(ids)).isEqualTo(s1);

            // the records survive the store's codec bit for bit
            for (NatNodeState state : s1) {
                assertThat(model.codec().decode(model.codec().encode(state))).isEqualTo(state);
            }
            // the stream really exercises the caches: a hub with a full 1-hop cache, replaced 2-hop slots
            NatNodeState hub = s1.get(0);
            assertThat(hub.n1().usedCount()).isEqualTo(8);
            assertThat(hub.n2().usedCount()).isEqualTo(4);
            // and predictions are not all alike
            long distinct = IntStream.range(0, one.predictions.length).mapToObj(i -> one.predictions[i]).distinct().count();
            assertThat(distinct).isGreaterThan(200);
        }
    }

    private record Run(float[] predictions, InMemoryNodeStateStore<NatNodeState> store) {
    }

    private static Run run(NatModel model, List<SequencedEvent> stream, int batchSize) {
        InMemoryNodeStateStore<NatNodeState> store = new InMemoryNodeStateStore<>();
        MicroBatchEngine<NatNodeState> engine = new MicroBatchEngine<>(model, store);
        List<ModelOutput> out = new ArrayList<>();
        for (int i = 0; i < stream.size(); i += batchSize) {
            out.addAll(engine.process(stream.subList(i, Math.min(stream.size(), i + batchSize))));
        }
        float[] p = new float[out.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = out.get(i).pLink();
        }
        return new Run(p, store);
    }
}
