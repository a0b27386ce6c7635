package io.linkcast.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.nat.NatConfig;
import io.linkcast.model.nat.NatModel;
import io.linkcast.model.semba.SembaConfig;
import io.linkcast.model.semba.SembaModel;
import io.linkcast.model.semba.SembaTask;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.StateCodec;
import io.linkcast.state.compact.StatePrecision;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Node records are rounded where they are made, so the codec is lossless for them: a service that restarts
 * half-way (every record read back from its bytes, as from RocksDB after the record cache is gone) predicts
 * exactly what one that kept its records in memory predicts, for NAT and SEMBA served together at the default
 * dimensions. Also checks that the compact records are what shrinks the bytes per node, and that the FP32
 * setting really keeps float32 state.
 */
class CompactStateRestartTest {
    private static final int NODES = 60;

    @Test
    void shouldPredictTheSameAfterARestartFromEncodedRecords() {
        List<SequencedEvent> stream = stream(5, 400);
        try (Models m = new Models(StatePrecision.COMPACT)) {
            CompositeModel model = m.composite();
            InMemoryNodeStateStore<CompositeState> kept = new InMemoryNodeStateStore<>();
            MicroBatchEngine<CompositeState> live = new MicroBatchEngine<>(model, kept);
            live.process(stream.subList(0, 200));
            InMemoryNodeStateStore<CompositeState> restarted = reload(kept, model.codec());
            List<ModelOutput> a = new MicroBatchEngine<>(model, kept).process(stream.subList(200, 400));
            List<ModelOutput> b = new MicroBatchEngine<>(model, restarted).process(stream.subList(200, 400));
            assertThat(b).isEqualTo(a);
            assertThat(reload(kept, model.codec()).getAll(ids())).isEqualTo(kept.getAll(ids()));
        }
    }

    @Test
    void shouldStoreCompactRecordsAndKeepFloat32OnesWhenAskedTo() {
        List<SequencedEvent> stream = stream(6, 400);
        List<ModelOutput> compactOut;
        List<ModelOutput> fp32Out;
        long compactBytes;
        long fp32Bytes;
        List<CompositeState> compactStates;
        List<CompositeState> fp32States;
        // both precisions side by side in one JVM: each model holds its own
        try (Models compact = new Models(StatePrecision.COMPACT); Models fp32 = new Models(StatePrecision.FP32)) {
            InMemoryNodeStateStore<CompositeState> compactStore = new InMemoryNodeStateStore<>();
            InMemoryNodeStateStore<CompositeState> fp32Store = new InMemoryNodeStateStore<>();
            compactOut = new MicroBatchEngine<>(compact.composite(), compactStore).process(stream);
            fp32Out = new MicroBatchEngine<>(fp32.composite(), fp32Store).process(stream);
            compactStates = compactStore.getAll(ids());
            compactBytes = bytes(compactStates, compact.composite().codec());
            fp32States = fp32Store.getAll(ids());
            fp32Bytes = bytes(fp32States, fp32.composite().codec());
            assertThat(reload(fp32Store, fp32.composite().codec()).getAll(ids())).isEqualTo(fp32States);
        }
        assertThat(compactStates).isNotEqualTo(fp32States);
        assertThat(compactBytes * 3).as("compact %d B against fp32 %d B", compactBytes, fp32Bytes)
                .isLessThan(fp32Bytes);
        // the same model on rounded inputs: close, not equal
        double diff = 0;
        for (int i = 0; i < stream.size(); i++) {
            diff = Math.max(diff, Math.abs(compactOut.get(i).pLink() - fp32Out.get(i).pLink()));
            diff = Math.max(diff, Math.abs(compactOut.get(i).pPositive() - fp32Out.get(i).pPositive()));
        }
        assertThat(diff).isGreaterThan(0).isLessThan(0.05);
    }

    private static long bytes(List<CompositeState> states, StateCodec<CompositeState> codec) {
        long sum = 0;
        for (CompositeState s : states) {
            sum += codec.encode(s).length;
        }
        return sum;
    }

    private static InMemoryNodeStateStore<CompositeState> reload(InMemoryNodeStateStore<CompositeState> from,
            StateCodec<CompositeState> codec) {
        InMemoryNodeStateStore<CompositeState> to = new InMemoryNodeStateStore<>();
        List<CompositeState> copies = new ArrayList<>();
        for (CompositeState s : from.getAll(ids())) {
            copies.add(codec.decode(codec.encode(s)));
        }
        to.putAll(ids(), copies);
        return to;
    }

    private static long[] ids() {
        long[] ids = new long[NODES];
        for (int i = 0; i < NODES; i++) {
            ids[i] = i + 1;
        }
        return ids;
    }

    /** Signed, weighted events over NODES nodes with hubs and repeats; Unix-second times; seeded. */
    private static List<SequencedEvent> stream(long seed, int events) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<SequencedEvent> out = new ArrayList<>(events);
        double t = 1_300_000_000.0;
        for (int i = 0; i < events; i++) {
            long src = 1 + (rnd.nextInt(3) == 0 ? rnd.nextInt(4) : rnd.nextInt(NODES));
            long dst = 1 + rnd.nextInt(NODES);
            int sign = rnd.nextInt(100) < 20 ? -1 : 1;
            t += rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(50_000);
            out.add(new SequencedEvent(i, new Interaction(Long.toString(src), Long.toString(dst), src, dst, t, sign,
                    sign * (1 + rnd.nextInt(10)), null)));
        }
        return out;
    }

    /** NAT and SEMBA at their default dimensions with seeded weights, served as one composite. */
    private static final class Models implements AutoCloseable {
        private final NatModel nat;
        private final SembaModel semba;
        private final CompositeModel composite;

        Models(StatePrecision precision) {
            nat = NatModel.initialise(NatConfig.defaults(), 3, precision);
            semba = SembaModel.initialise(SembaConfig.defaults(SembaTask.SIGN), 4, InferenceBackend.DJL, precision);
            composite = new CompositeModel(List.of(nat, semba));
        }

        CompositeModel composite() {
            return composite;
        }

        @Override
        public void close() {
            nat.close();
            semba.close();
        }
    }
}
