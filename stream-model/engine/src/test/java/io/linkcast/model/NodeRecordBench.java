package io.linkcast.model;

import static io.linkcast.state.compact.StatePrecision.COMPACT;

import io.linkcast.state.nat.NatNodeState;
import io.linkcast.state.nat.NatShape;
import io.linkcast.state.nat.NatSlots;
import io.linkcast.state.nat.NatStateCodec;
import io.linkcast.state.nat.PreviousEvent;
import io.linkcast.state.semba.SembaHistory;
import io.linkcast.state.semba.SembaNeighbour;
import io.linkcast.state.semba.SembaNodeState;
import io.linkcast.state.semba.SembaStateCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding one node record at the default dimensions, compact state: NAT with 16 + 16 neighbour
 * slots used, SEMBA with a full list of 20 neighbours. The stream writes both endpoints' records of both
 * models at every event. Not run by the tests; run it like {@code SembaWaveBench}:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp "$CP" org.openjdk.jmh.Main NodeRecordBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NodeRecordBench {
    private static final NatShape SHAPE = new NatShape(32, 16, 4, 72);
    private final NatStateCodec natCodec = new NatStateCodec(SHAPE, COMPACT);
    private final SembaStateCodec sembaCodec = new SembaStateCodec(COMPACT);
    private NatNodeState nat;
    private SembaNodeState semba;
    private byte[] natBytes;
    private byte[] sembaBytes;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(3);
        long seq = 60_000;
        double time = 1.5e9 + seq;
        NatNodeState base = NatNodeState.empty(5000, SHAPE);
        NatSlots.Editor n0 = base.n0().edit(COMPACT).write(0, 5000, seq, time, bounded(rnd, 4), null);
        NatSlots.Editor n1 = base.n1().edit(COMPACT);
        NatSlots.Editor n2 = base.n2().edit(COMPACT);
        float[] otherSelf = bounded(rnd, 72);
        for (int i = 0; i < 16; i++) {
            n1.write(i, 1000 + i, seq - 100 - i, time - 100 - i, bounded(rnd, 4), i == 0 ? otherSelf : bounded(rnd, 72));
            n2.write(i, 2000 + i, seq - 100 - i, time - 100 - i, bounded(rnd, 4), bounded(rnd, 72));
        }
        nat = NatNodeState.rounded(COMPACT, 5000, n0.freeze(), n1.freeze(), n2.freeze(), bounded(rnd, 72),
                PreviousEvent.rounded(COMPACT, true, 1000, seq - 100, time - 100, otherSelf));
        List<SembaNeighbour> neighbours = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            neighbours.add(new SembaNeighbour(1000 + i, 1.5e9 + 100 * i, 1, SembaNeighbour.OUT, rnd.nextInt(-10, 11),
                    bounded(rnd, 128), COMPACT));
        }
        semba = SembaNodeState.rounded(COMPACT, bounded(rnd, 64), bounded(rnd, 64), 1.5e9 + 2000,
                new SembaHistory(10, 10, 0, 0, 5, -5), neighbours);
        natBytes = natCodec.encode(nat);
        sembaBytes = sembaCodec.encode(semba);
    }

    private static float[] bounded(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.tanh(rnd.nextGaussian());
        }
        return v;
    }

    @Benchmark
    public byte[] natEncode() {
        return natCodec.encode(nat);
    }

    @Benchmark
    public NatNodeState natDecode() {
        return natCodec.decode(natBytes);
    }

    @Benchmark
    public byte[] sembaEncode() {
        return sembaCodec.encode(semba);
    }

    @Benchmark
    public SembaNodeState sembaDecode() {
        return sembaCodec.decode(sembaBytes);
    }
}
