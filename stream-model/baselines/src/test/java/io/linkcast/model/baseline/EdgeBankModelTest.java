package io.linkcast.model.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.baseline.EdgeBankState;
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
}
