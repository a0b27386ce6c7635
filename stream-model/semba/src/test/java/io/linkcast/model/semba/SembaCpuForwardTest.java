package io.linkcast.model.semba;

import static io.linkcast.state.compact.StatePrecision.FP32;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.ReversedCrew;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.state.semba.SembaNeighbour;
import io.linkcast.state.semba.SembaNodeState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The CPU backend against the DJL path: the same predictions and records, each backend with its own state. The
 * models keep float32 state, so that a rounding step of compact state is not read as a backend difference.
 */
class SembaCpuForwardTest {
    private static final int NODES = 300;
    private static final double TOLERANCE = 1e-5;


    private static SembaConfig small(SembaTask task) {
        return SembaConfig.defaults(task).withDimensions(16, 8, 16, 4, 6);
    }

    @Test
    void shouldMatchTheDjlPathForATrainedModelOverALongStream() throws IOException {
        SembaConfig config = SembaConfig.defaults(SembaTask.SIGN);
        List<SequencedEvent> stream = SignedStreams.random(31, 20_000, NODES);
        SembaTrainingConfig brief = new SembaTrainingConfig(1, 1, 50, 0.01, 0, 3, false, false);
        SembaTrainer.Result trained = new SembaTrainer(config, brief, FP32).train(stream.subList(0, 400),
                stream.subList(400, 500));
        try (SembaModel djl = trained.model(); SembaModel cpu = reload(djl, InferenceBackend.CPU)) {
            Difference d = compare(djl, cpu, stream, 25);
            System.out.printf("SEMBA CPU parity, trained %s over %d events: predictions %.3g, states %.3g%n",
                    config.variant(), stream.size(), d.predictions(), d.states());
        }
    }

    @Test
    void shouldMatchTheDjlPathForEveryVariant() {
        List<SequencedEvent> stream = SignedStreams.random(17, 3_000, 120);
        for (SembaConfig config : List.of(SembaConfig.defaults(SembaTask.SIGN),
                small(SembaTask.LINK), small(SembaTask.SIGNLINK), small(SembaTask.WEIGHT),
                small(SembaTask.SIGN).withBalance(false), small(SembaTask.SIGN).withAttention(false),
                small(SembaTask.SIGNLINK).withDecoderHidden(24), small(SembaTask.SIGN).withExtension(
                        SembaExtension.HISTORY), SembaConfig.defaults(SembaTask.WEIGHT).withBalance(false)
                        .withExtension(SembaExtension.HISTORY).withDecoderHidden(32))) {
            try (SembaModel djl = SembaModel.initialise(config, 13, InferenceBackend.DJL, FP32);
                    SembaModel cpu = SembaModel.initialise(config, 13, InferenceBackend.CPU, FP32)) {
                Difference d = compare(djl, cpu, stream, 25);
                System.out.printf("SEMBA CPU parity, %s d=%d over %d events: predictions %.3g, states %.3g%n",
                        config.variant(), config.memoryDim(), stream.size(), d.predictions(), d.states());
            }
        }
    }

    @Test
    void shouldGiveIdenticalPredictionsAndStatesWhateverTheBatchSize() {
        List<SequencedEvent> stream = SignedStreams.random(7, 300, 40);
        for (SembaConfig config : List.of(SembaConfig.defaults(SembaTask.SIGN),
                small(SembaTask.SIGNLINK).withExtension(SembaExtension.HISTORY).withDecoderHidden(24),
                small(SembaTask.WEIGHT).withBalance(false).withAttention(false))) {
            try (SembaModel model = SembaModel.initialise(config, 11, InferenceBackend.CPU, FP32)) {
                // one event a wave computes single rows, 200 fill the four-row kernels and several row groups
                SignedStreams.Run one = SignedStreams.run(model, stream, 1);
                SignedStreams.Run seven = SignedStreams.run(model, stream, 7);
                SignedStreams.Run all = SignedStreams.run(model, stream, 200);
                assertThat(seven.outputs()).as(config.variant()).isEqualTo(one.outputs());
                assertThat(all.outputs()).as(config.variant()).isEqualTo(one.outputs());
                long[] ids = SignedStreams.ids(40);
                assertThat(seven.states(ids)).as(config.variant()).isEqualTo(one.states(ids));
                assertThat(all.states(ids)).as(config.variant()).isEqualTo(one.states(ids));
                assertThat(one.outputs().stream().distinct().count()).isGreaterThan(100);
            }
        }
    }

    @Test
    void shouldGiveTheSameBitsWhenOtherThreadsRunItsGroupsInAnyOrder() {
        List<SequencedEvent> stream = SignedStreams.random(29, 2_000, 80);
        try (SembaModel model = SembaModel.initialise(SembaConfig.defaults(SembaTask.SIGN), 6, InferenceBackend.CPU,
                FP32);
                ReversedCrew crew = new ReversedCrew()) {
            SignedStreams.Run alone = SignedStreams.run(model, stream, 100);
            SignedStreams.Run shared = SignedStreams.run(ReversedCrew.crewed(model, crew), stream, 100);
            assertThat(crew.mostChunks()).isGreaterThan(2);
            assertThat(shared.outputs()).isEqualTo(alone.outputs());
            long[] ids = SignedStreams.ids(80);
            assertThat(shared.states(ids)).isEqualTo(alone.states(ids));
        }
    }

    @Test
    void shouldScoreConcurrentlyWithSteppingWithoutCorruptingEither() throws Exception {
        List<SequencedEvent> stream = SignedStreams.random(23, 1_500, 60);
        try (SembaModel model = SembaModel.initialise(SembaConfig.defaults(SembaTask.SIGNLINK), 4,
                InferenceBackend.CPU, FP32)) {
            SignedStreams.Run reference = SignedStreams.run(model, stream, 25);
            // queries against warm records, scored alone first
            List<Query> queries = new ArrayList<>();
            List<SembaNodeState> src = new ArrayList<>();
            List<SembaNodeState> dst = new ArrayList<>();
            for (long u = 1; u <= 30; u++) {
                queries.add(new Query(u, u + 30, 1.4e9));
                SembaNodeState s = reference.states(new long[] {u}).get(0);
                SembaNodeState d = reference.states(new long[] {u + 30}).get(0);
                src.add(s == null ? model.emptyState(u) : s);
                dst.add(d == null ? model.emptyState(u + 30) : d);
            }
            List<ModelOutput> expected = model.score(queries, src, dst);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger rounds = new AtomicInteger();
            AtomicInteger wrong = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> scorers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int offset = t;
                scorers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        // each thread its own batch sizes too, so the waves differ from the reference's
                        int n = 1 + (rounds.get() + offset) % queries.size();
                        if (!model.score(queries.subList(0, n), src.subList(0, n), dst.subList(0, n))
                                .equals(expected.subList(0, n))) {
                            wrong.incrementAndGet();
                        }
                        rounds.incrementAndGet();
                    }
                }));
            }
            SignedStreams.Run again;
            try {
                again = SignedStreams.run(model, stream, 25);
            } finally {
                stop.set(true);
                for (Future<?> f : scorers) {
                    f.get(30, TimeUnit.SECONDS);
                }
                pool.shutdown();
            }
            assertThat(again.outputs()).isEqualTo(reference.outputs());
            long[] ids = SignedStreams.ids(60);
            assertThat(again.states(ids)).isEqualTo(reference.states(ids));
            assertThat(wrong.get()).isZero();
            assertThat(rounds.get()).isGreaterThan(10);
        }
    }

    private static SembaModel reload(SembaModel model, InferenceBackend backend) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.saveParameters(bytes);
        return SembaModel.load(model.config(), new ByteArrayInputStream(bytes.toByteArray()), backend,
                model.precision());
    }

    /** Worst scaled differences: |a − b| / max(1, |b|). */
    record Difference(double predictions, double states) {
    }

    /** Replays the stream through both models (asserting parity) and returns the worst differences. */
    static Difference compare(SembaModel djl, SembaModel cpu, List<SequencedEvent> stream, int batch) {
        assertThat(djl.backend()).isEqualTo(InferenceBackend.DJL);
        assertThat(cpu.backend()).isEqualTo(InferenceBackend.CPU);
        SignedStreams.Run expected = SignedStreams.run(djl, stream, batch);
        SignedStreams.Run actual = SignedStreams.run(cpu, stream, batch);
        String variant = cpu.config().variant();
        double predictions = 0;
        for (int i = 0; i < stream.size(); i++) {
            ModelOutput e = expected.outputs().get(i);
            ModelOutput a = actual.outputs().get(i);
            String at = variant + " event " + i;
            predictions = Math.max(predictions, difference(at + " pLink", e.pLink(), a.pLink()));
            predictions = Math.max(predictions, difference(at + " pPositive", e.pPositive(), a.pPositive()));
            predictions = Math.max(predictions, difference(at + " weight", e.weight(), a.weight()));
        }
        long[] ids = stream.stream().map(SequencedEvent::event)
                .flatMapToLong(e -> java.util.stream.LongStream.of(e.src(), e.dst())).distinct().toArray();
        List<SembaNodeState> want = expected.states(ids);
        List<SembaNodeState> got = actual.states(ids);
        double states = 0;
        for (int n = 0; n < ids.length; n++) {
            SembaNodeState e = want.get(n);
            SembaNodeState a = got.get(n);
            String at = variant + " node " + ids[n];
            assertThat(a.memoryTime()).as(at).isEqualTo(e.memoryTime());
            assertThat(a.history()).as(at).isEqualTo(e.history());
            assertThat(a.neighbours()).as(at).hasSameSizeAs(e.neighbours());
            states = Math.max(states, difference(at + " positive", e.positiveMemory(), a.positiveMemory()));
            states = Math.max(states, difference(at + " negative", e.negativeMemory(), a.negativeMemory()));
            for (int k = 0; k < e.neighbours().size(); k++) {
                SembaNeighbour en = e.neighbours().get(k);
                SembaNeighbour an = a.neighbours().get(k);
                assertThat(an.node()).as(at).isEqualTo(en.node());
                assertThat(an.t()).as(at).isEqualTo(en.t());
                states = Math.max(states, difference(at + " snapshot " + k, en.snapshot(), an.snapshot()));
            }
        }
        // the comparison is not vacuous: predictions vary and the records hold memories
        assertThat(expected.outputs().stream().distinct().count()).as(variant).isGreaterThan(stream.size() / 4);
        return new Difference(predictions, states);
    }

    private static double difference(String what, float[] expected, float[] actual) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, difference(what + "[" + i + "]", expected[i], actual[i]));
        }
        return worst;
    }

    private static double difference(String what, float expected, float actual) {
        if (Float.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
            return 0;
        }
        double d = Math.abs((double) actual - expected) / Math.max(1.0, Math.abs(expected));
        assertThat(d).as(what + ": " + actual + " vs " + expected).isLessThanOrEqualTo(TOLERANCE);
        return d;
    }
}
