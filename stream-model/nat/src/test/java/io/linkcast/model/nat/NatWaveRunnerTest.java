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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The trainer's step scores its negatives through the engine, as eval and serving do: on the same batches and
 * negatives, the same positives, negatives and records as the model's own step, negatives among the batch's own
 * (hub) nodes included.
 */
class NatWaveRunnerTest {

    @Test
    void shouldScoreAndStepExactlyAsTheServedModelDoes() {
        List<SequencedEvent> stream = NatTestSupport.syntheticStream(31, 1_500, 120);
        try (NatModel model = new NatModel(NatNetwork.create(NatConfig.defaults().withSlots(8, 4), 3, Device.cpu()),
                "seed-3")) {
            InMemoryNodeStateStore<NatNodeState> servedStore = new InMemoryNodeStateStore<>();
            MicroBatchEngine<NatNodeState> served = new MicroBatchEngine<>(model, servedStore);
            InMemoryNodeStateStore<NatNodeState> trainedStore = new InMemoryNodeStateStore<>();
            MicroBatchEngine<NatNodeState> trained = new MicroBatchEngine<>(model, trainedStore);
            SplittableRandom r = new SplittableRandom(8);
            List<Float> servedLinks = new ArrayList<>();
            List<Float> servedOutputs = new ArrayList<>();
            List<Float> trainedLinks = new ArrayList<>();
            List<Float> trainedOutputs = new ArrayList<>();
            NatWaveRunner runner = new NatWaveRunner(model, null, 1);
            for (int from = 0; from < stream.size(); from += 100) {
                List<SequencedEvent> batch = stream.subList(from, Math.min(stream.size(), from + 100));
                List<Query> negatives = new ArrayList<>();
                for (SequencedEvent e : batch) {
                    negatives.add(new Query(e.event().src(), r.nextInt(5) == 0 ? 1 : 1 + r.nextInt(120),
                            e.event().t()));
                }
                MicroBatchEngine.BatchResult s = served.process(batch, negatives);
                s.outputs().forEach(o -> servedOutputs.add(o.pLink()));
                s.links().forEach(o -> servedLinks.add(o.pLink()));
                MicroBatchEngine.BatchResult t = trained.process(batch, negatives, runner);
                t.outputs().forEach(o -> trainedOutputs.add(o.pLink()));
                t.links().forEach(o -> trainedLinks.add(o.pLink()));
            }
            assertThat(trainedOutputs).isEqualTo(servedOutputs);
            assertThat(trainedLinks).isEqualTo(servedLinks);
            assertThat(trainedLinks.stream().distinct().count()).isGreaterThan(100);
            // the runner's own lists (for its AP) hold the same scores, in wave order
            assertThat(runner.negativeScores()).containsExactlyInAnyOrderElementsOf(servedLinks);
            long[] ids = new long[120];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i + 1;
            }
            assertThat(trainedStore.getAll(ids)).isEqualTo(servedStore.getAll(ids));
        }
    }
}
