package io.linkcast.model.nat;

import static io.linkcast.state.compact.StatePrecision.COMPACT;

import ai.djl.Device;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.ScoredWave;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.state.nat.NatNodeState;
import io.linkcast.state.nat.NatSlots;
import io.linkcast.state.nat.PreviousEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One NAT wave step (prediction + state transition, {@link NatModel#step}; and as served, with one negative per
 * event, {@link NatModel#stepWithNegatives}) with the default configuration,
 * on both inference backends, for waves of 1, 25 (as served) and 256 events whose endpoints have full caches (the steady state of a busy stream: 1 +
 * 32 + 16 rows per node). Run:
 *
 * <pre>
 * mvn -q -o -pl stream-model/nat -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp \
 *     -Dmdep.includeScope=test
 * cd stream-model/nat &amp;&amp; java -cp "target/test-classes:target/classes:$(cat target/test.cp)" \
 *     org.openjdk.jmh.Main NatWaveBench -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "--add-modules=jdk.incubator.vector", "-Dai.djl.pytorch.num_threads=1",
    "-Dai.djl.pytorch.num_interop_threads=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class NatWaveBench {

    @Param({"1", "25", "256"})
    public int waveSize;

    @Param({"djl", "cpu"})
    public String backend;

    private NatNetwork network;
    private NatModel model;
    private Wave<NatNodeState> wave;
    private List<Query> negatives;
    private List<NatNodeState> negativeStates;

    @Setup(Level.Trial)
    public void setUp() {
        NatConfig config = NatConfig.defaults();
        network = NatNetwork.create(config, 1, Device.cpu());
        model = new NatModel(network, "bench", InferenceBackend.parse("backend", backend));
        SplittableRandom rnd = new SplittableRandom(17);
        List<SequencedEvent> events = new ArrayList<>();
        List<NatNodeState> src = new ArrayList<>();
        List<NatNodeState> dst = new ArrayList<>();
        negatives = new ArrayList<>();
        negativeStates = new ArrayList<>();
        for (int i = 0; i < waveSize; i++) {
            long u = 2L * i + 1;
            long v = 2L * i + 2;
            events.add(NatTestSupport.event(1_000_000 + i, u, v, 2e6));
            src.add(fullState(u, config, rnd));
            dst.add(fullState(v, config, rnd));
            long w = 2L * waveSize + i + 1;
            negatives.add(new Query(u, w, 2e6));
            negativeStates.add(fullState(w, config, rnd));
        }
        wave = new Wave<>(events, src, dst);
    }

    /** A node whose every slot is written, with neighbours from a pool shared by all nodes (so pairs overlap). */
    static NatNodeState fullState(long node, NatConfig config, SplittableRandom rnd) {
        NatSlots n0 = NatSlots.empty(1, config.valueDim(), 0).edit(COMPACT)
                .write(0, node, 10, 1e6, gaussian(rnd, config.valueDim()), null).freeze();
        return NatNodeState.rounded(COMPACT, node, n0, fullSlots(config.m1(), config, rnd),
                fullSlots(config.m2(), config, rnd), gaussian(rnd, config.selfDim()),
                PreviousEvent.rounded(COMPACT, true, 5000 + rnd.nextInt(500), 9, 1e6,
                        gaussian(rnd, config.selfDim())));
    }

    /** Every slot written, each key in the slot the served hash gives it (as the model would write it). */
    private static NatSlots fullSlots(int capacity, NatConfig config, SplittableRandom rnd) {
        SlotHash hash = ServedSlotSemantics.of(config).hash();
        NatSlots.Editor e = NatSlots.empty(capacity, config.valueDim(), config.selfDim()).edit(COMPACT);
        boolean[] filled = new boolean[capacity];
        int left = capacity;
        while (left > 0) {
            long key = 5000 + rnd.nextInt(500);
            int slot = hash.slot(key, capacity);
            if (!filled[slot]) {
                filled[slot] = true;
                left--;
                e.write(slot, key, rnd.nextInt(1000), 1e6 - rnd.nextInt(100_000), gaussian(rnd, config.valueDim()),
                        gaussian(rnd, config.selfDim()));
            }
        }
        return e.freeze();
    }

    private static float[] gaussian(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.3 * rnd.nextGaussian());
        }
        return v;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        network.close();
    }

    @Benchmark
    public WaveOutput<NatNodeState> step() {
        return model.step(wave);
    }

    /** As served: each event also scores one negative (its source with a third node), read-only. */
    @Benchmark
    public ScoredWave<NatNodeState> stepWithNegatives() {
        return model.stepWithNegatives(wave, negatives, negativeStates);
    }
}
