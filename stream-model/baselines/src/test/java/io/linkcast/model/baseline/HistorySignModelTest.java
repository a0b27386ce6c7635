package io.linkcast.model.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.state.baseline.NodeHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistorySignModelTest {

    @Test
    void shouldComputeTheDocumentedFeaturesFromEarlierEventsOnly() {
        Interaction e1 = Interaction.of("s", "d", 10, 1, 5, null);
        Interaction e2 = Interaction.of("d", "s", 20, -1, -3, null);
        NodeHistory s = NodeHistory.EMPTY;
        NodeHistory d = NodeHistory.EMPTY;
        NodeHistory[] after1 = HistorySignModel.apply(s, d, e1);
        NodeHistory[] after2 = HistorySignModel.apply(after1[1], after1[0], e2); // d is the source of e2
        s = after2[1];
        d = after2[0];
        double[] f = HistorySignModel.features(s, d, e1.src(), e1.dst(), 50);
        double ln2 = Math.log(2);
        assertThat(f).containsExactly(new double[] {
            ln2, 0, 5, // s gave one +5: no negative of 1 + 1
            ln2, 0, 5, // d received one +5
            1, -1, // s -> d was +, d -> s was -
            ln2, 1 / 2.0, // s received one negative: 1 of 1 + 1
            ln2, 1 / 2.0, // d gave one negative
            Math.log1p(30) / 10, Math.log1p(30) / 10}, within(1e-6));
        // a node never seen: degrees 0, fractions 0, mean 0, no time
        assertThat(HistorySignModel.features(NodeHistory.EMPTY, NodeHistory.EMPTY, 1, 2, 5))
                .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void shouldLearnThatDistrustedNodesReceiveNegativeRatings() {
        SplittableRandom r = new SplittableRandom(5);
        List<Interaction> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int s = 1 + r.nextInt(60);
            int d = 1 + r.nextInt(60);
            int sign = d <= 6 ? -1 : 1;
            events.add(Interaction.of(Integer.toString(s), Integer.toString(d), i, sign, sign * 3.0, null));
        }
        HistorySignModel model = new HistoryLogisticTrainer(1).fit(BaselineFixtures.sequenced(events.subList(0, 2000)));
        List<ModelOutput> out = BaselineFixtures.run(model, events);
        double negMean = 0;
        double posMean = 0;
        int negs = 0;
        for (int i = 2500; i < 3000; i++) {
            if (events.get(i).sign() < 0) {
                negMean += out.get(i).pPositive();
                negs++;
            } else {
                posMean += out.get(i).pPositive();
            }
        }
        negMean /= negs;
        posMean /= 500 - negs;
        assertThat(negMean).isLessThan(0.2);
        assertThat(posMean).isGreaterThan(0.8);
        assertThat(out.get(0).pLink()).isNaN();
    }

    @Test
    void shouldPredictTheTrainingBaseRateAsPrior() {
        List<Interaction> events = List.of(Interaction.of("a", "b", 1, 1, 4, null), Interaction.of("a", "c", 2, 1, 2, null),
                Interaction.of("b", "c", 3, -1, -6, null), Interaction.of("c", "a", 4, 1, 4, null));
        PriorModel prior = PriorModel.fit(BaselineFixtures.sequenced(events));
        ModelOutput o = BaselineFixtures.run(prior, events).get(0);
        assertThat(o.pPositive()).isEqualTo(0.75f);
        assertThat(o.weight()).isEqualTo(1f);
        assertThat(o.pLink()).isNaN();
    }
}
