package io.linkcast.model.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.state.InMemoryNodeStateStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeighbourOverlapModelTest {
    // u-w1, u-w2, v-w1, v-w2, v-w3: u and v share w1 and w2; each w has 2 events after its v event
    private static final List<Interaction> EVENTS = List.of(Interaction.of("u", "w1", 1), Interaction.of("u", "w2", 2),
            Interaction.of("v", "w1", 3), Interaction.of("v", "w2", 4), Interaction.of("v", "w3", 5));

    private static float score(NeighbourOverlapModel.Kind kind, int capacity) {
        NeighbourOverlapModel model = new NeighbourOverlapModel(kind, capacity);
        MicroBatchEngine<RecentNeighbours> engine = new MicroBatchEngine<>(model, new InMemoryNodeStateStore<>());
        BaselineFixtures.run(engine, EVENTS);
        Interaction q = Interaction.of("u", "v", 6);
        return engine.score(List.of(new Query(q.src(), q.dst(), 6))).get(0).pLink();
    }

    @Test
    void shouldCountCommonNeighbours() {
        // 2 common neighbours -> 2 / (1 + 2)
        assertThat(score(NeighbourOverlapModel.Kind.COMMON_NEIGHBOURS, 32)).isCloseTo(2 / 3f, within(1e-6f));
    }

    @Test
    void shouldWeightCommonNeighboursByTheLatestDegreeSnapshot() {
        // w1 and w2 have 2 events each when v meets them (later than u's snapshot of 1): s = 2 / log(3)
        double s = 2 / Math.log(3);
        assertThat(score(NeighbourOverlapModel.Kind.ADAMIC_ADAR, 32)).isCloseTo((float) (s / (1 + s)), within(1e-6f));
    }

    @Test
    void shouldForgetTheOldestNeighbourBeyondCapacity() {
        // with capacity 2, v keeps w3 and w2 only: one common neighbour
        assertThat(score(NeighbourOverlapModel.Kind.COMMON_NEIGHBOURS, 2)).isCloseTo(0.5f, within(1e-6f));
        RecentNeighbours r = RecentNeighbours.EMPTY.after(1, 1, 1, true, 2).after(2, 2, 1, true, 2)
                .after(1, 3, 2, true, 2).after(3, 4, 1, true, 2);
        assertThat(r.ids()).containsExactly(3, 1);
        assertThat(r.events()).isEqualTo(4);
    }

    @Test
    void shouldPredictFromStateBeforeTheEvent() {
        List<ModelOutput> out = BaselineFixtures.run(
                new NeighbourOverlapModel(NeighbourOverlapModel.Kind.COMMON_NEIGHBOURS, 32),
                List.of(Interaction.of("a", "c", 1), Interaction.of("b", "c", 2), Interaction.of("a", "b", 3),
                        Interaction.of("a", "b", 4)));
        // (a,b) at t=3 shares c: 1/2; at t=4 still only c (a and b are not their own common neighbours)
        assertThat(out).extracting(ModelOutput::pLink).containsExactly(0f, 0f, 0.5f, 0.5f);
    }

    @Test
    void shouldRoundTripThroughTheCodec() {
        RecentNeighboursCodec codec = new RecentNeighboursCodec();
        RecentNeighbours r = RecentNeighbours.EMPTY.after(10, 1.5, 3, true, 4).after(-2, 2.5, 1, true, 4)
                .after(10, 3, 0, false, 4);
        assertThat(codec.decode(codec.encode(r))).isEqualTo(r);
        assertThat(codec.encode(r)).hasSize(6 + 12 + 2 * 24);
    }
}
