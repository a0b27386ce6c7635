package io.linkcast.serving.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import io.linkcast.ingest.DatasetReader;
import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.SyntheticConfig;
import io.linkcast.ingest.SyntheticStream;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.eval.CandidateModel;
import io.linkcast.model.eval.EvalConfig;
import io.linkcast.model.eval.EvalResult;
import io.linkcast.model.eval.EvalSession;
import io.linkcast.model.eval.Metric;
import io.linkcast.model.engine.ModelLoaders;
import io.linkcast.model.eval.Protocol;
import io.linkcast.model.eval.RegressionMetrics;
import io.linkcast.model.eval.ScoredSample;
import io.linkcast.model.eval.Split;
import io.linkcast.model.eval.Splits;
import io.linkcast.model.nat.NatArtifact;
import io.linkcast.model.nat.NatConfig;
import io.linkcast.model.nat.NatModel;
import io.linkcast.model.nat.NatNetwork;
import io.linkcast.model.nat.NatTrainer;
import io.linkcast.model.nat.NatTrainingConfig;
import io.linkcast.model.nat.NatTrainingResult;
import io.linkcast.model.semba.SembaConfig;
import io.linkcast.model.semba.SembaModel;
import io.linkcast.model.semba.SembaTask;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.compact.StatePrecision;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Architecture contract 5, "a model evaluated offline gives the same predictions when it is served on the same
 * stream". A seeded model is evaluated as {@code linkcast eval} does it ({@link EvalSession} over
 * {@link Splits#transductive}: micro-batches of {@value #EVAL_BATCH}, link negatives and ranking queries scored
 * read-only between batches). The same model is then served on the whole dataset in stream order (train,
 * validation, test) through the production topology, as {@code linkcast serve --model NAME=DIR} runs it
 * ({@link TopologyReplay}: JSON in, a one-part composite model, RocksDB node states, micro-batches of
 * {@value #SERVE_BATCH}, live negatives, JSON out). Every test event's published probability must equal the one
 * eval scored, matched by stream position: eval's seq is the event's index in time order, which is the offset
 * the event gets on partition 0, and the prediction must also name the event's endpoints, time and id.
 *
 * <p>On the real data the weights are random (seeded): parity is a property of the code paths, not of training;
 * {@link #shouldServeATrainedNatArtifactWithTheLinkProbabilitiesEvalScored} checks a trained artifact, loaded as
 * {@code serve} loads it, on synthetic streams, and runs without the data folder. Random weights
 * already give predictions that differ from event to event, which each test checks, so a comparison of
 * near-constants cannot pass. The networks are smaller than the defaults (fewer slots and narrower layers for
 * NAT, narrower memories for SEMBA) to keep the module's test time down; the code path is the same, and NAT's
 * 16/8 slots fill up on UCI's hubs, so the replacement coin, keyed by the stream position, decides many writes
 * (serving NAT with positions shifted by one fails this test).
 *
 * <p>Predictions travel as JSON floats, which Jackson writes with the shortest decimal that reads back as the
 * same float; the tolerance {@value #TOLERANCE} only leaves room for a BLAS that rounds differently with the
 * shape of a wave (the waves differ, since the batches do). On this machine the largest difference is 0.
 *
 * <p>The ranking sample is {@value #RANKING_SAMPLE} events instead of the command's 2,000: ranking queries are
 * read-only scores between batches, so a small sample keeps them in the path (a scoring call that disturbed the
 * state would show up as a mismatch) without 400k extra network calls per dataset.
 *
 * <p>The real-data tests are skipped when the data folder ({@code linkcast.data.dir}) is absent.
 */
class TopologyEvalParityTest {
    private static final int EVAL_BATCH = 200;
    private static final int SERVE_BATCH = 64;
    private static final int RANKING_SAMPLE = 50;
    private static final long EVAL_SEED = 1;
    private static final float TOLERANCE = 1e-5f;
    private static final NatConfig NAT = NatConfig.defaults().withSlots(16, 8).withDims(4, 32, 8, 10, 32, 0, 2);
    private static final SembaConfig SEMBA = SembaConfig.defaults(SembaTask.SIGNLINK)
            .withDimensions(16, 8, 16, 4, 10);
    /** Events of Bitcoin-OTC served for the weight check (a chronological prefix, split 70/15/15 itself). */
    private static final int WEIGHT_PREFIX = 10_000;

    @TempDir
    Path stateDir;

    @Test
    void shouldServeNatOnUciWithTheLinkProbabilitiesEvalScored() throws IOException {
        List<Interaction> data = read("uci/ml_uci.csv.gz");
        try (NatNetwork network = NatNetwork.create(NAT, 17, Device.cpu())) {
            Parity run = new Parity(new NatModel(network, "seeded-17"), data, "NAT on UCI");

            run.assertSame("p_link", run.positives(), run.served(Prediction::pLink));
            // NAT predicts link existence only; the stream publishes null for the rest
            assertThat(run.testPredictions).allSatisfy(p -> {
                assertThat(p.pPositive()).isNaN();
                assertThat(p.weight()).isNaN();
            });
        }
    }

    /**
     * Without ../shared, so it runs in CI: NAT trained by the test (one epoch on a synthetic stream), saved as an
     * artifact and loaded the way {@code linkcast serve --model nat=DIR} loads it (CPU backend), then evaluated
     * and served on another synthetic stream.
     */
    @Test
    void shouldServeATrainedNatArtifactWithTheLinkProbabilitiesEvalScored(@TempDir Path artifact) throws IOException {
        List<Interaction> trainingData = synthetic(5, 2_500);
        List<SequencedEvent> trainingEvents = new ArrayList<>();
        for (int i = 0; i < trainingData.size(); i++) {
            trainingEvents.add(new SequencedEvent(i, trainingData.get(i)));
        }
        NatTrainingConfig training = NatTrainingConfig.defaults().withBatchSize(100).withLearningRate(3e-3)
                .withMaxEpochs(1).withSeed(3).withProgress(false);
        NatTrainingResult result = new NatTrainer(NAT, training, Device.cpu(), StatePrecision.COMPACT)
                .fit(trainingEvents.subList(0, 2_000), trainingEvents.subList(2_000, 2_500));
        try (NatNetwork network = result.network()) {
            NatArtifact.save(artifact, result, training);
        }
        StreamModel<?> model = ModelLoaders.discover().load(artifact);
        try {
            Parity run = new Parity(model, synthetic(6, 6_000), "trained NAT on a synthetic stream");
            run.assertSame("p_link", run.positives(), run.served(Prediction::pLink));
            run.assertLiveQualityScoredAsOffline(model);
        } finally {
            if (model instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The benchmark's synthetic stream (recurring hubs and pairs), {@code events} long, over 2,000 nodes. */
    private static List<Interaction> synthetic(long seed, int events) {
        List<Interaction> out = new ArrayList<>(events);
        Iterator<Interaction> it = new SyntheticStream(SyntheticConfig.defaults(2_000, events, seed)).iterator();
        while (out.size() < events && it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void shouldServeSembaOnBitcoinOtcWithTheLinkAndSignProbabilitiesEvalScored() throws IOException {
        List<Interaction> data = read("bitcoin-otc/soc-sign-bitcoinotc.csv");
        try (SembaModel semba = SembaModel.initialise(SEMBA, 23)) {
            Parity run = new Parity(semba, data, "SEMBA signlink on Bitcoin-OTC");

            run.assertSame("p_link", run.positives(), run.served(Prediction::pLink));
            // every Bitcoin-OTC event is signed, so eval's sign sample is the test events in order
            ScoredSample sign = run.eval.signTest();
            assertThat(sign.size()).isEqualTo(run.split.test().size());
            run.assertSame("p_positive", toFloats(sign.scores()), run.served(Prediction::pPositive));
            assertThat(run.testPredictions).allSatisfy(p -> assertThat(p.weight()).isNaN());
        }
    }

    /**
     * SEMBA's weight head, on a prefix of Bitcoin-OTC. Eval keeps the predicted weights only as metrics, so the
     * served weights of the test events must give the same RMSE and Pearson r against the true ratings.
     */
    @Test
    void shouldServeSembaWeightsThatGiveTheRmseAndCorrelationEvalMeasured() throws IOException {
        List<Interaction> data = read("bitcoin-otc/soc-sign-bitcoinotc.csv").subList(0, WEIGHT_PREFIX);
        try (SembaModel semba = SembaModel.initialise(SEMBA.withTask(SembaTask.WEIGHT), 29)) {
            Parity run = new Parity(semba, data, "SEMBA weight on Bitcoin-OTC prefix");

            float[] weights = run.served(Prediction::weight);
            assertVaried("weight", weights);
            double[] predicted = new double[weights.length];
            double[] actual = new double[weights.length];
            for (int i = 0; i < weights.length; i++) {
                predicted[i] = weights[i];
                actual[i] = run.split.test().get(i).event().weight();
            }
            double rmse = RegressionMetrics.rmse(predicted, actual);
            double pearson = RegressionMetrics.pearson(predicted, actual);
            System.out.printf("  weight: served RMSE %.9f r %.9f; eval RMSE %.9f r %.9f%n", rmse, pearson,
                    run.eval.get(Metric.WEIGHT_RMSE), run.eval.get(Metric.WEIGHT_PEARSON));
            assertThat(rmse).isCloseTo(run.eval.get(Metric.WEIGHT_RMSE), within(1e-6));
            assertThat(pearson).isCloseTo(run.eval.get(Metric.WEIGHT_PEARSON), within(1e-6));
            assertThat(run.testPredictions).allSatisfy(p -> {
                assertThat(p.pLink()).isNaN();
                assertThat(p.pPositive()).isNaN();
            });
        }
    }

    /** One evaluation and one serving run of the same model over the same data, checked for alignment. */
    private final class Parity {
        final Split split;
        final EvalResult eval;
        /** The published prediction of each test event, in the order of {@code split.test()}. */
        final List<Prediction> testPredictions;
        final TopologyReplay.Served served;

        Parity(StreamModel<?> model, List<Interaction> data, String what) {
            split = Splits.transductive(data);
            Clock clock = new Clock();
            EvalConfig config = new EvalConfig(EVAL_BATCH, EVAL_SEED, RANKING_SAMPLE,
                    EvalConfig.DEFAULT_RANKING_NEGATIVES, false);
            List<EvalResult> results = new EvalSession(config).run(data, Protocol.TRANSDUCTIVE, List.of(EVAL_SEED),
                    List.of(CandidateModel.fixed(model.info().name(), "seeded", model)));
            String evalTime = clock.lap();
            assertThat(results).hasSize(1);
            eval = results.get(0);

            served = TopologyReplay.serve(model, split.events(), SERVE_BATCH, stateDir);
            System.out.printf("%s: %d events, %d test; eval %s, topology %s%n", what, split.events().size(),
                    split.test().size(), evalTime, clock.lap());
            assertThat(served.deadLetters()).isZero();
            assertThat(served.rejected()).isZero();
            // the stream really batched differently from eval: full batches of SERVE_BATCH, then the remainder
            int n = split.events().size();
            assertThat(served.batchSizes()).hasSize((n + SERVE_BATCH - 1) / SERVE_BATCH);
            assertThat(served.batchSizes().subList(0, n / SERVE_BATCH)).containsOnly(SERVE_BATCH);

            // one prediction per event, at its own position
            Prediction[] byOffset = new Prediction[n];
            for (Prediction p : served.predictions()) {
                assertThat(p.partition()).isZero();
                assertThat(p.offset()).isBetween(0L, n - 1L);
                assertThat(byOffset[(int) p.offset()]).as("second prediction at offset %d", p.offset()).isNull();
                byOffset[(int) p.offset()] = p;
            }
            assertThat(served.predictions()).hasSize(n);
            testPredictions = split.test().stream().map(e -> about(byOffset[(int) e.seq()], e.event())).toList();
        }

        private static Prediction about(Prediction p, Interaction e) {
            assertThat(p.src()).isEqualTo(e.srcKey());
            assertThat(p.dst()).isEqualTo(e.dstKey());
            assertThat(p.t()).isEqualTo(e.t());
            assertThat(p.id()).isEqualTo(e.id());
            return p;
        }

        /** The first half of eval's link sample: the test positives in test order (then come their negatives). */
        float[] positives() {
            ScoredSample link = eval.linkTest();
            int n = split.test().size();
            assertThat(link.size()).isEqualTo(2 * n);
            boolean[] labels = link.labels();
            for (int i = 0; i < 2 * n; i++) {
                assertThat(labels[i]).isEqualTo(i < n);
            }
            return toFloats(Arrays.copyOf(link.scores(), n));
        }

        float[] served(ToDoubleFunction<Prediction> field) {
            float[] out = new float[testPredictions.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) field.applyAsDouble(testPredictions.get(i));
            }
            return out;
        }

        /**
         * The live (prequential) quality the stream reported is the offline scoring of the same pairs: each event's
         * true-pair score is its published p_link, and its live negative's score is what the engine's offline path
         * ({@code process(batch, linkQueries)} over an in-memory store, as eval runs it) gives the same negative in
         * the same batches. So the live link AP is the offline AP of those pairs.
         */
        void assertLiveQualityScoredAsOffline(StreamModel<?> model) {
            List<SequencedEvent> events = split.events();
            List<TopologyReplay.Quality> live = served.quality();
            assertThat(live).hasSize(events.size());
            float[] offlineNegatives = offlineLiveNegatives(model, events);
            float[] livePositives = new float[events.size()];
            float[] liveNegatives = new float[events.size()];
            float[] published = new float[events.size()];
            for (Prediction p : served.predictions()) {
                published[(int) p.offset()] = (float) p.pLink();
            }
            for (int i = 0; i < events.size(); i++) {
                livePositives[i] = live.get(i).linkPositive();
                liveNegatives[i] = live.get(i).linkNegative();
            }
            assertSame("live true-pair score", published, livePositives);
            assertSame("live negative score", offlineNegatives, liveNegatives);
        }

        /** Every test event's served value equals eval's, and the values vary enough to mean something. */
        void assertSame(String field, float[] evaluated, float[] served) {
            assertThat(served).hasSameSizeAs(evaluated);
            int mismatches = 0;
            int first = -1;
            float maxDiff = 0;
            for (int i = 0; i < served.length; i++) {
                float d = Math.abs(served[i] - evaluated[i]);
                // NaN on either side is a mismatch too
                if (!(d <= TOLERANCE)) {
                    mismatches++;
                    first = first < 0 ? i : first;
                }
                maxDiff = Float.isNaN(d) ? Float.NaN : Math.max(maxDiff, d);
            }
            System.out.printf("  %s: %d events, max |served - eval| = %s%n", field, served.length, maxDiff);
            assertThat(mismatches).as("%s: test events whose served value differs from eval's by more than %s; "
                    + "first at seq %d: eval %s, served %s", field, TOLERANCE,
                    first < 0 ? -1 : split.test().get(first).seq(), first < 0 ? "" : evaluated[first],
                    first < 0 ? "" : served[first]).isZero();
            assertVaried(field, served);
        }
    }

    /** The stream's live negatives, drawn as the processor draws them batch by batch, scored by the offline engine. */
    private static <S> float[] offlineLiveNegatives(StreamModel<S> model, List<SequencedEvent> events) {
        MicroBatchEngine<S> engine = new MicroBatchEngine<>(model, new InMemoryNodeStateStore<>());
        LiveNegatives negatives = new LiveNegatives(4096);
        float[] out = new float[events.size()];
        for (int from = 0; from < events.size(); from += SERVE_BATCH) {
            List<SequencedEvent> batch = events.subList(from, Math.min(events.size(), from + SERVE_BATCH));
            List<ModelOutput> links = engine.process(batch, negatives.queries(batch)).links();
            for (int i = 0; i < batch.size(); i++) {
                out[from + i] = links.get(i).pLink();
            }
        }
        return out;
    }

    /** Enough distinct values, spread far beyond the tolerance, that matching them is not a coincidence. */
    private static void assertVaried(String field, float[] values) {
        Set<Float> distinct = new HashSet<>();
        double mean = 0;
        for (float v : values) {
            distinct.add(v);
            mean += v;
        }
        mean /= values.length;
        double var = 0;
        for (float v : values) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / values.length);
        System.out.printf("  %s: %d distinct of %d, mean %.4f, std %.4f%n", field, distinct.size(), values.length,
                mean, std);
        assertThat(distinct.size()).as("%s: distinct values", field).isGreaterThan(values.length / 2);
        assertThat(std).as("%s: standard deviation", field).isGreaterThan(100.0 * TOLERANCE);
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static List<Interaction> read(String relative) throws IOException {
        Path file = Path.of(System.getProperty("linkcast.data.dir", "../shared/data"), relative);
        assumeTrue(Files.isRegularFile(file), "dataset not present: " + file);
        return new DatasetReader().read(file).events();
    }

    /**
     * Wall and CPU time of this thread for the printed figures (the machine is shared, so CPU seconds are the
     * better guide to an idle core); nothing is asserted on them.
     */
    private static final class Clock {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private long wall = System.nanoTime();
        private long cpu = threads.getCurrentThreadCpuTime();

        String lap() {
            long w = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            String s = String.format("%.1f s (CPU %.1f s)", (w - wall) / 1e9, (c - cpu) / 1e9);
            wall = w;
            cpu = c;
            return s;
        }
    }
}
