package io.linkcast.model.nat;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.ReversedCrew;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.nat.NatNodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;



/**
 * The CPU forward's loops handed to a crew: chunks run on other threads and in reverse order must give the
 * same predictions, negatives' scores and records, bit for bit, as the calling thread alone.
 */
class NatCrewTest {
    private static final int NODES = 300;

    @Test
    void shouldGiveTheSameBitsWhenOtherThreadsRunTheForwardsChunksInAnyOrder() {
        List<SequencedEvent> stream = NatTestSupport.syntheticStream(17, 3_000, NODES);
        try (NatModel model = new NatModel(NatNetwork.create(NatConfig.defaults(), 5, Device.cpu()), "seed-5",
                InferenceBackend.CPU); ReversedCrew crew = new ReversedCrew()) {
            Replay alone = Replay.of(model, stream);
            Replay shared = Replay.of(ReversedCrew.crewed(model, crew), stream);
            // the forward did split its loops, so the comparison covers chunks computed elsewhere
            assertThat(crew.mostChunks()).isGreaterThan(2);
            assertThat(shared.predictions).containsExactly(alone.predictions);
            assertThat(shared.negatives).containsExactly(alone.negatives);
            long[] ids = new long[NODES];
            for (int i = 0; i < NODES; i++) {
                ids[i] = i + 1;
            }
            assertThat(shared.store.getAll(ids)).isEqualTo(alone.store.getAll(ids));
        }
    }

    private record Replay(float[] predictions, float[] negatives, InMemoryNodeStateStore<NatNodeState> store) {
        static Replay of(StreamModel<NatNodeState> model, List<SequencedEvent> stream) {
            InMemoryNodeStateStore<NatNodeState> store = new InMemoryNodeStateStore<>();
            MicroBatchEngine<NatNodeState> engine = new MicroBatchEngine<>(model, store);
            SplittableRandom rnd = new SplittableRandom(99);
            float[] p = new float[stream.size()];
            float[] n = new float[stream.size()];
            for (int from = 0; from < stream.size(); from += 250) {
                List<SequencedEvent> part = stream.subList(from, Math.min(stream.size(), from + 250));
                List<Query> negatives = new ArrayList<>(part.size());
                for (SequencedEvent e : part) {
                    negatives.add(new Query(e.event().src(), 1 + rnd.nextInt(NODES), e.event().t()));
                }
                MicroBatchEngine.BatchResult r = engine.process(part, negatives);
                for (int i = 0; i < part.size(); i++) {
                    p[from + i] = r.outputs().get(i).pLink();
                    n[from + i] = r.links().get(i).pLink();
                }
            }
            return new Replay(p, n, store);
        }
    }
}
