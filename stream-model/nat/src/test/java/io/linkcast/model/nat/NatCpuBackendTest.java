package io.linkcast.model.nat;

import static io.linkcast.state.compact.StatePrecision.COMPACT;
import static io.linkcast.state.compact.StatePrecision.FP32;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.nat.NatNodeState;
import io.linkcast.state.nat.NatSlots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPU backend ({@link NatCpuForward}) against the DJL path on a trained artifact at the default dimensions:
 * a 20,000-event replay with one live negative per event, through the engine, each backend on its own store.
 * Every prediction, every negative's score and every float of every final record must agree within
 * 1e-5·max(1, |x|); keys, times and slot occupancy exactly. The models keep float32 state, so that a rounding
 * step of compact state is not read as a backend difference.
 */
class NatCpuBackendTest {
    private static final double TOL = 1e-5;
    private static final int EVENTS = 20_000;
    private static final int NODES = 600;

    @TempDir
    static Path artifact;


    @BeforeAll
    static void train() throws IOException {
        List<SequencedEvent> stream = NatTestSupport.syntheticStream(11, 600, 60);
        NatTrainingConfig training = NatTrainingConfig.defaults().withBatchSize(100).withLearningRate(3e-3)
                .withMaxEpochs(1).withSeed(3).withProgress(false);
        // trained at the default precision, as before the models took theirs: only the replays keep float32 state
        NatTrainingResult result = new NatTrainer(NatConfig.defaults(), training, Device.cpu(), COMPACT)
                .fit(stream.subList(0, 500), stream.subList(500, 600));
        try (NatNetwork network = result.network()) {
            NatArtifact.save(artifact, result, training);
        }
    }

    @Test
    void shouldMatchTheDjlPathOnEveryPredictionAndStateFloatOfA20kReplay() throws IOException {
        List<SequencedEvent> stream = NatTestSupport.syntheticStream(23, EVENTS, NODES);
        try (NatModel djl = NatArtifact.loadModel(artifact, Device.cpu(), InferenceBackend.DJL, FP32);
                NatModel cpu = NatArtifact.loadModel(artifact, Device.cpu(), InferenceBackend.CPU, FP32)) {
            assertThat(djl.backend()).isEqualTo(InferenceBackend.DJL);
            assertThat(cpu.backend()).isEqualTo(InferenceBackend.CPU);
            Replay a = Replay.of(djl, stream);
            Replay b = Replay.of(cpu, stream);

            Worst worst = new Worst();
            for (int i = 0; i < EVENTS; i++) {
                worst.compare(a.predictions[i], b.predictions[i], "prediction " + i);
                worst.compare(a.negatives[i], b.negatives[i], "negative " + i);
            }
            long[] ids = new long[NODES];
            for (int i = 0; i < NODES; i++) {
                ids[i] = i + 1;
            }
            List<NatNodeState> sa = a.store.getAll(ids);
            List<NatNodeState> sb = b.store.getAll(ids);
            int full = 0;
            for (int i = 0; i < NODES; i++) {
                if (sa.get(i) == null) {
                    assertThat(sb.get(i)).isNull();
                    continue;
                }
                compare(sa.get(i), sb.get(i), worst, "node " + ids[i]);
                full += sa.get(i).n1().usedCount() == sa.get(i).n1().capacity() ? 1 : 0;
            }
            // the replay reaches the steady state: full 1-hop caches, predictions spread out
            assertThat(full).isGreaterThan(0);
            assertThat(worst.count).isGreaterThan(1_000_000);
            System.out.printf("NAT CPU vs DJL: %,d floats compared, worst difference %.3g (%s)%n", worst.count,
                    worst.diff, worst.where);
        }
    }

    @Test
    void shouldGiveTheSamePredictionsWhateverTheBatchSize() throws IOException {
        List<SequencedEvent> stream = NatTestSupport.syntheticStream(5, 1_200, 80);
        try (NatModel cpu = NatArtifact.loadModel(artifact, Device.cpu(), InferenceBackend.CPU, FP32)) {
            Replay one = Replay.of(cpu, stream, 1);
            Replay many = Replay.of(cpu, stream, 300);
            assertThat(many.predictions).containsExactly(one.predictions);
            // (not the negatives: the engine scores a negative from the states at the start of its wave, so its
            // score depends on the batch by design until issue 14; the replay above checks them against DJL)
            long[] ids = new long[80];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i + 1;
            }
            assertThat(many.store.getAll(ids)).isEqualTo(one.store.getAll(ids));
        }
    }

    private static void compare(NatNodeState a, NatNodeState b, Worst worst, String where) {
        worst.compare(a.self(), b.self(), where + " self");
        assertThat(b.previous().present()).isEqualTo(a.previous().present());
        assertThat(b.previous().other()).isEqualTo(a.previous().other());
        worst.compare(a.previous().otherSelf(), b.previous().otherSelf(), where + " previous self");
        for (int hop = 0; hop <= 2; hop++) {
            NatSlots x = a.hop(hop);
            NatSlots y = b.hop(hop);
            for (int s = 0; s < x.capacity(); s++) {
                assertThat(y.isUsed(s)).as(where + " hop " + hop + " slot " + s).isEqualTo(x.isUsed(s));
                if (x.isUsed(s)) {
                    assertThat(y.key(s)).isEqualTo(x.key(s));
                    assertThat(y.time(s)).isEqualTo(x.time(s));
                    worst.compare(x.valueOf(s), y.valueOf(s), where + " hop " + hop + " value " + s);
                    worst.compare(x.snapshotOf(s), y.snapshotOf(s), where + " hop " + hop + " snapshot " + s);
                }
            }
        }
    }

    /** The largest difference seen, asserting each against the tolerance. */
    private static final class Worst {
        double diff;
        String where = "-";
        long count;

        void compare(float[] a, float[] b, String at) {
            assertThat(b).as(at).hasSameSizeAs(a);
            for (int i = 0; i < a.length; i++) {
                compare(a[i], b[i], at + "[" + i + "]");
            }
        }

        void compare(float a, float b, String at) {
            double d = Math.abs((double) a - b);
            assertThat(d).as(at + ": djl " + a + ", cpu " + b).isLessThanOrEqualTo(TOL * Math.max(1, Math.abs(a)));
            if (d > diff) {
                diff = d;
                where = at;
            }
            count++;
        }
    }

    /** Predictions and negatives' scores of a replay with one negative per event, and the final store. */
    private record Replay(float[] predictions, float[] negatives, InMemoryNodeStateStore<NatNodeState> store) {
        static Replay of(NatModel model, List<SequencedEvent> stream) {
            return of(model, stream, 200);
        }

        static Replay of(NatModel model, List<SequencedEvent> stream, int batch) {
            InMemoryNodeStateStore<NatNodeState> store = new InMemoryNodeStateStore<>();
            MicroBatchEngine<NatNodeState> engine = new MicroBatchEngine<>(model, store);
            SplittableRandom rnd = new SplittableRandom(99);
            float[] p = new float[stream.size()];
            float[] n = new float[stream.size()];
            for (int from = 0; from < stream.size(); from += batch) {
                List<SequencedEvent> part = stream.subList(from, Math.min(stream.size(), from + batch));
                List<Query> negatives = new ArrayList<>(part.size());
                for (SequencedEvent e : part) {
                    negatives.add(new Query(e.event().src(), 1 + rnd.nextInt(NODES), e.event().t()));
                }
                MicroBatchEngine.BatchResult r = engine.process(part, negatives);
                for (int i = 0; i < part.size(); i++) {
                    ModelOutput o = r.outputs().get(i);
                    p[from + i] = o.pLink();
                    n[from + i] = r.links().get(i).pLink();
                }
            }
            return new Replay(p, n, store);
        }
    }
}
