package io.linkcast.model.semba;

import static io.linkcast.state.compact.StatePrecision.COMPACT;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.state.semba.SembaHistory;
import io.linkcast.state.semba.SembaNeighbour;
import io.linkcast.state.semba.SembaNodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Latency of one SEMBA serving wave step (predict every event of the wave, then compute both endpoints' new
 * records) at the default dimensions, with every endpoint in steady state: full neighbour lists (20) and
 * history counters, on either inference backend; divide by {@code waveSize} for the time per event. Not run by
 * the tests. After {@code mvn -o -pl stream-model/semba -am verify -DskipTests}:
 *
 * <pre>
 * mvn -o -q -pl stream-model/semba -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * DJL_CACHE_DIR=$PWD/.cache/djl java -cp stream-model/semba/target/test-classes:stream-model/semba/target/classes:$(cat /tmp/cp.txt) \
 *   org.openjdk.jmh.Main SembaWaveBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "--add-modules=jdk.incubator.vector", "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1"})
public class SembaWaveBench {

    @Param({"1", "25", "256"})
    public int waveSize;

    /** {@code model.backend}: DJL's NDArrays or the CPU backend's flat arrays. */
    @Param({"djl", "cpu"})
    public String backend;

    @Param({"none", "history"})
    public String extension;

    private SembaModel model;
    private Wave<SembaNodeState> wave;

    @Setup(Level.Trial)
    public void setUp() {
        SembaConfig config = SembaConfig.defaults(SembaTask.SIGN).withExtension(SembaExtension.of(extension));
        model = SembaModel.initialise(config, 1, InferenceBackend.parse("backend", backend));
        SplittableRandom rnd = new SplittableRandom(7);
        List<SequencedEvent> events = new ArrayList<>(waveSize);
        List<SembaNodeState> src = new ArrayList<>(waveSize);
        List<SembaNodeState> dst = new ArrayList<>(waveSize);
        double t = 1.4e9;
        for (int i = 0; i < waveSize; i++) {
            long u = 2L * i;
            long v = 2L * i + 1;
            int sign = rnd.nextInt(10) == 0 ? -1 : 1;
            events.add(new SequencedEvent(i, new Interaction("" + u, "" + v, u, v, t, sign, sign * 3.0, null)));
            src.add(steadyState(config, rnd, t));
            dst.add(steadyState(config, rnd, t));
        }
        wave = new Wave<>(events, src, dst);
    }

    private static SembaNodeState steadyState(SembaConfig c, SplittableRandom rnd, double now) {
        List<SembaNeighbour> neighbours = new ArrayList<>();
        double t = now - 1e6;
        for (int k = 0; k < c.neighbours(); k++) {
            t += rnd.nextInt(40_000);
            neighbours.add(new SembaNeighbour(1_000_000 + rnd.nextInt(5000), t, rnd.nextInt(8) == 0 ? -1 : 1,
                    rnd.nextBoolean() ? SembaNeighbour.OUT : SembaNeighbour.IN, 1 + rnd.nextInt(10),
                    floats(rnd, c.memoryWidth()), COMPACT));
        }
        return SembaNodeState.rounded(COMPACT, floats(rnd, c.memoryDim()), floats(rnd, c.memoryDim()), t - 1000,
                new SembaHistory(30, 25, 3, 2, 70, 60), neighbours);
    }

    private static float[] floats(SplittableRandom rnd, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (rnd.nextDouble() * 2 - 1) * 0.5f;
        }
        return out;
    }

    @Benchmark
    public void step(Blackhole bh) {
        WaveOutput<SembaNodeState> out = model.step(wave);
        bh.consume(out);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }
}
