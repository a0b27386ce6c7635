package io.linkcast.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.linkcast.ingest.Interaction;
import io.linkcast.model.baseline.EdgeBankModel;
import io.linkcast.model.baseline.HistoryLogisticTrainer;
import io.linkcast.model.baseline.NeighbourOverlapModel;
import io.linkcast.model.baseline.PriorModel;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.nat.NatConfig;
import io.linkcast.model.nat.NatModel;
import io.linkcast.model.nat.NatNetwork;
import io.linkcast.state.InMemoryNodeStateStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelEvaluatorTest {

    private static EvalConfig config(int batch, long seed) {
        return new EvalConfig(batch, seed, 50, 100, false);
    }

    private static double[] positives(EvalResult r) {
        return Arrays.copyOf(r.linkTest().scores(), r.linkTest().size() / 2);
    }

    private static double[] negatives(EvalResult r) {
        double[] s = r.linkTest().scores();
        return Arrays.copyOfRange(s, s.length / 2, s.length);
    }

    @Test
    void shouldNeverLetAnEventReachItsOwnPrediction() {
        // every pair is new, so EdgeBank must score every positive 0: a leak of the event into its own
        // prediction would make it 1
        List<Interaction> data = new ArrayList<>();
        for (int t = 1; t <= 100; t++) {
            data.add(TinyGraphs.edge("a", "b" + t, t));
        }
        EvalResult r = new ModelEvaluator(config(200, 1)).evaluate("edgebank", EdgeBankModel.unlimited(),
                Splits.transductive(data));
        assertThat(positives(r)).hasSize(15).containsOnly(0.0);
    }

    @Test
    void shouldScoreNegativesFromTheStateJustBeforeTheirEventWhateverTheBatch() {
        // every destination is x, so the pool is {x} and each negative is the positive's own pair, (c, x);
        // the test split is c -> x three times, c never seen before
        List<Interaction> data = new ArrayList<>();
        for (int t = 1; t <= 17; t++) {
            data.add(TinyGraphs.edge("p", "x", t));
        }
        for (int t = 18; t <= 20; t++) {
            data.add(TinyGraphs.edge("c", "x", t));
        }
        Split split = Splits.transductive(data);
        EvalResult big = new ModelEvaluator(config(200, 1)).evaluate("eb", EdgeBankModel.unlimited(), split);
        assertThat(positives(big)).containsExactly(0, 1, 1);
        // before issue 14, negatives read the state before their batch: 0, 0, 0 here
        assertThat(negatives(big)).containsExactly(0, 1, 1);
        EvalResult one = new ModelEvaluator(config(1, 1)).evaluate("eb", EdgeBankModel.unlimited(), split);
        assertThat(positives(one)).containsExactly(0, 1, 1);
        assertThat(negatives(one)).containsExactly(0, 1, 1);
    }

    @Test
    void shouldPredictPositivesExactlyAsTheServedEngineDoes() {
        List<Interaction> data = TinyGraphs.random(9, 1500, 60, 0.4);
        Split split = Splits.transductive(data);
        NeighbourOverlapModel model = new NeighbourOverlapModel(NeighbourOverlapModel.Kind.ADAMIC_ADAR, 8);
        // the served path: one engine, every event in stream order, one at a time
        MicroBatchEngine<?> served = new MicroBatchEngine<>(model, new InMemoryNodeStateStore<>());
        List<ModelOutput> out = new ArrayList<>();
        for (SequencedEvent e : split.events()) {
            out.addAll(served.process(List.of(e)));
        }
        double[] expected = split.test().stream().mapToDouble(e -> out.get((int) e.seq()).pLink()).toArray();
        for (int batch : new int[] {1, 7, 200}) {
            EvalResult r = new ModelEvaluator(config(batch, 3)).evaluate("aa", model, split);
            assertThat(positives(r)).as("batch %d", batch).containsExactly(expected);
        }
    }

    @Test
    void shouldGiveEveryScoreAndFigureWhateverTheBatchSize() {
        Split split = Splits.transductive(TinyGraphs.random(12, 1500, 60, 0.4));
        NatConfig small = NatConfig.defaults().withSlots(8, 4);
        try (NatModel nat = new NatModel(NatNetwork.create(small, 9, Device.cpu()), "seed-9",
                InferenceBackend.CPU)) {
            for (StreamModel<?> model : List.of(nat, new NeighbourOverlapModel(NeighbourOverlapModel.Kind.ADAMIC_ADAR,
                    8), EdgeBankModel.unlimited())) {
                EvalResult one = new ModelEvaluator(config(1, 3)).evaluate("m", model, split);
                for (int batch : new int[] {32, 200}) {
                    EvalResult r = new ModelEvaluator(config(batch, 3)).evaluate("m", model, split);
                    assertThat(r.linkTest()).as("%s, batch %d", model.info().name(), batch).isEqualTo(one.linkTest());
                    assertThat(r.metrics()).as("%s, batch %d", model.info().name(), batch)
                            .isEqualTo(one.metrics());
                }
                // scores that differ from event to event (EdgeBank's are 0 or 1), and a ranking that was run
                assertThat(Arrays.stream(one.linkTest().scores()).distinct().count()).as(model.info().name())
                        .isGreaterThan(model instanceof EdgeBankModel ? 1 : 20);
                assertThat(one.get(Metric.RANK_QUERIES)).isEqualTo(50.0);
            }
        }
    }

    @Test
    void shouldGiveTheSameNumbersForTheSameSeedAndOtherNegativesForAnotherSeed() {
        Split split = Splits.transductive(TinyGraphs.random(4, 1500, 60, 0.4));
        EdgeBankModel model = EdgeBankModel.unlimited();
        EvalResult a = new ModelEvaluator(config(50, 1)).evaluate("eb", model, split);
        EvalResult b = new ModelEvaluator(config(50, 1)).evaluate("eb", model, split);
        EvalResult c = new ModelEvaluator(config(50, 2)).evaluate("eb", model, split);
        assertThat(b.metrics()).isEqualTo(a.metrics());
        assertThat(b.linkTest()).isEqualTo(a.linkTest());
        assertThat(c.linkTest()).isNotEqualTo(a.linkTest());
        assertThat(a.metrics()).containsKeys(Metric.LINK_AP, Metric.LINK_AUC, Metric.LINK_AP_BATCH,
                Metric.RANK_HIST_MRR, Metric.VAL_LINK_AP).doesNotContainKey(Metric.SIGN_AUC);
    }

    @Test
    void shouldLetATrainerScoreValidationOnItsOwnEngineAsTheEvaluatorDoes() {
        Split split = Splits.transductive(TinyGraphs.random(4, 1500, 60, 0.4));
        NeighbourOverlapModel model = new NeighbourOverlapModel(NeighbourOverlapModel.Kind.COMMON_NEIGHBOURS, 16);
        ModelEvaluator evaluator = new ModelEvaluator(config(25, 7));
        MicroBatchEngine<?> engine = new MicroBatchEngine<>(model, new InMemoryNodeStateStore<>());
        engine.process(split.train());
        ScoredSample val = evaluator.processAndScore(engine, split.val(),
                new LinkNegativeSampler(split.destinationPool(Split.Part.VAL), 7));
        assertThat(val.size()).isEqualTo(2 * split.val().size());
        EvalResult full = evaluator.evaluate("cn", model, split);
        assertThat(val.averagePrecision()).isEqualTo(full.get(Metric.VAL_LINK_AP));
        assertThat(val.rocAuc()).isEqualTo(full.get(Metric.VAL_LINK_AUC));
    }

    @Test
    void shouldRankTheTrueDestinationAmongRandomAndHistoricalNegatives() {
        // node 2 sends to d100..d399 (the pool); node 1 sends to d100..d219; then 1 -> d100 over and over.
        // EdgeBank scores every historical negative 1 like the truth: rank = 1 + 100 / 2 = 51.
        List<Interaction> data = new ArrayList<>();
        int t = 0;
        for (int k = 100; k < 400; k++) {
            data.add(TinyGraphs.edge("2", "d" + k, ++t));
        }
        for (int k = 100; k < 220; k++) {
            data.add(TinyGraphs.edge("1", "d" + k, ++t));
        }
        while (t < 600) {
            data.add(TinyGraphs.edge("1", "d100", ++t));
        }
        Split split = Splits.transductive(data);
        assertThat(split.test()).hasSize(90);
        EvalResult r = new ModelEvaluator(new EvalConfig(32, 5, 40, 100, false))
                .evaluate("eb", EdgeBankModel.unlimited(), split);
        assertThat(r.get(Metric.RANK_QUERIES)).isEqualTo(40.0);
        assertThat(r.get(Metric.RANK_HIST_MRR)).isCloseTo(1 / 51.0, within(1e-12));
        assertThat(r.get(Metric.RANK_HIST_HITS10)).isZero();
        // random negatives hit u's 119 other past destinations only sometimes
        assertThat(r.get(Metric.RANK_RANDOM_MRR)).isGreaterThan(1 / 51.0).isLessThan(1.0);
    }

    @Test
    void shouldMeasureTheMajorityClassAsWorkedOutFromTheClassCounts() {
        Split split = Splits.transductive(TinyGraphs.signed(2, 2000, 80));
        EvalResult r = new ModelEvaluator(config(100, 1)).evaluate("majority", PriorModel.fit(split.train()), split);
        long p = split.test().stream().filter(e -> e.event().sign() > 0).count();
        long n = split.test().size() - p;
        // everything predicted +: F1(+) = 2p / (2p + n), F1(-) = 0
        assertThat(r.get(Metric.SIGN_MACRO_F1)).isCloseTo(2.0 * p / (2 * p + n) / 2, within(1e-12));
        assertThat(r.get(Metric.SIGN_F1_NEG)).isZero();
        assertThat(r.get(Metric.SIGN_AUC)).isEqualTo(0.5);
        assertThat(r.get(Metric.SIGN_PRAUC_NEG)).isCloseTo((double) n / (p + n), within(1e-12));
        assertThat(r.get(Metric.WEIGHT_RMSE)).isCloseTo(r.get(Metric.WEIGHT_RMSE_MEAN), within(1e-5));
        assertThat(r.get(Metric.WEIGHT_PEARSON)).isNaN();
        assertThat(r.metrics()).doesNotContainKey(Metric.LINK_AP);
        assertThat(r.linkTest()).isNull();
    }

    @Test
    void shouldChooseTheSignThresholdOnValidationAndScoreTheHistoryBaseline() {
        Split split = Splits.transductive(TinyGraphs.signed(2, 4000, 80));
        EvalResult r = new ModelEvaluator(config(100, 1)).evaluate("history-lr",
                new HistoryLogisticTrainer(1).fit(split.train()), split);
        assertThat(r.get(Metric.SIGN_AUC)).isGreaterThan(0.95);
        assertThat(r.get(Metric.SIGN_MACRO_F1)).isGreaterThan(0.8);
        assertThat(r.get(Metric.SIGN_THRESHOLD)).isBetween(0.0, 1.0);
        assertThat(r.signTest().size()).isEqualTo(split.test().size());
        assertThat(r.metrics()).doesNotContainKey(Metric.WEIGHT_RMSE);
    }

    @Test
    void shouldEvaluateOnlyMaskedTestEventsAfterReplayingEverythingInInductiveMode() {
        List<Interaction> data = TinyGraphs.random(6, 3000, 150, 0.5);
        Split split = Splits.inductive(data, 8);
        EvalResult r = new ModelEvaluator(config(64, 8)).evaluate("eb", EdgeBankModel.unlimited(), split);
        assertThat(r.linkTest().size()).isEqualTo(2 * split.test().size());
        assertThat(r.sizes().masked()).isEqualTo(split.masked().size());
        // EdgeBank remembers pairs from the replay, masked ones included: a repeated masked pair scores 1
        assertThat(positives(r)).contains(1.0);
    }
}
