package io.linkcast.state.semba;

import static io.linkcast.state.compact.StatePrecision.COMPACT;
import static io.linkcast.state.compact.StatePrecision.FP32;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.state.compact.Snapshot8;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SembaNeighbourTest {
    private static float[] floats(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    @Test
    void shouldKeepACompactSnapshotAsItsCodeAndGiveBackTheRoundedFloats() {
        float[] v = floats(3, 12);
        SembaNeighbour n = new SembaNeighbour(5, 1.5, 1, SembaNeighbour.OUT, 2f, v, COMPACT);
        assertThat(n.raw()).isNull();
        assertThat(n.width()).isEqualTo(12);
        float[] rounded = Snapshot8.round(v);
        assertThat(n.snapshot()).containsExactly(rounded);
        float[] out = new float[6];
        n.copySnapshot(7, out, 1, 5);
        assertThat(out).containsExactly(0f, rounded[7], rounded[8], rounded[9], rounded[10], rounded[11]);
        SembaNeighbour again = new SembaNeighbour(5, 1.5, 1, SembaNeighbour.OUT, 2f, n.snapshot(), COMPACT);
        assertThat(again).isEqualTo(n).hasSameHashCodeAs(n);
        float[] other = rounded.clone();
        other[3] = -other[3];
        assertThat(new SembaNeighbour(5, 1.5, 1, SembaNeighbour.OUT, 2f, other, COMPACT)).isNotEqualTo(n);
    }

    @Test
    void shouldKeepFloat32WhenEightBitsCannotHoldTheSnapshot() {
        float[] v = floats(4, 12);
        SembaNeighbour n = new SembaNeighbour(5, 1.5, -1, SembaNeighbour.IN, Float.NaN, v, FP32);
        assertThat(n.raw()).isNotNull();
        assertThat(n.code()).containsExactly((byte) Snapshot8.RAW);
        assertThat(n.snapshot()).containsExactly(v);
        float[] out = new float[4];
        n.copySnapshot(2, out, 0, 4);
        assertThat(out).containsExactly(Arrays.copyOfRange(v, 2, 6));
        // at FP32 a snapshot that 8 bits hold exactly is kept as a code too, and equals its float32 twin
        float[] exact = Snapshot8.round(v);
        SembaNeighbour coded = new SembaNeighbour(5, 1.5, -1, SembaNeighbour.IN, Float.NaN, exact, FP32);
        assertThat(coded.raw()).isNull();
        assertThat(coded.snapshot()).containsExactly(exact);
        assertThat(coded).isNotEqualTo(n);
    }
}
