package io.linkcast.state.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.StateFormatException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RecordWriter} and {@link RecordReader} together: every form reads back bit for bit. */
class RecordCodingTest {

    @Test
    void shouldRoundTripVarintsAndZigzagAtTheirBoundaries() {
        long[] values = {0, 1, -1, 63, -64, 64, 127, 128, 300, -300, Integer.MAX_VALUE, Long.MAX_VALUE,
            Long.MIN_VALUE};
        RecordWriter w = new RecordWriter(1);
        for (long v : values) {
            w.zigzag(v).varLong(v);
        }
        RecordReader r = new RecordReader(w.toByteArray(), 0, "test");
        for (long v : values) {
            assertThat(r.zigzag()).isEqualTo(v);
            assertThat(r.varLong()).isEqualTo(v);
        }
        assertThat(r.remaining()).isZero();
        assertThat(new RecordWriter(1).zigzag(-64).size()).isEqualTo(1);
        assertThat(new RecordWriter(1).zigzag(64).size()).isEqualTo(2);
        assertThat(new RecordWriter(1).varLong(-1).size()).isEqualTo(10);
    }

    @Test
    void shouldStoreIntegralTimesAsShortDeltasAndOthersRaw() {
        // |delta| < 32 takes 1 byte, < 4096 two
        assertThat(new RecordWriter(1).time(1_500_000_031.0, 1_500_000_000.0).size()).isEqualTo(1);
        assertThat(new RecordWriter(1).time(1_500_000_032.0, 1_500_000_000.0).size()).isEqualTo(2);
        assertThat(new RecordWriter(1).time(1_499_996_000.0, 1_500_000_000.0).size()).isEqualTo(2);
        assertThat(new RecordWriter(1).time(1_500_000_000.5, 1_500_000_000.0).size()).isEqualTo(9);
        assertThat(new RecordWriter(1).time(1_500_000_000.0, 0.25).size()).isEqualTo(9);
        double[] times = {0, -0.0, 1.5e9, 1.5e9 + 0.25, Double.NaN, Double.longBitsToDouble(0x7ff8000000000abcL),
            -7, 0x1p52, 0x1p53 + 2, 1e300, Double.MIN_VALUE};
        double[] bases = {0, 1.5e9, 0.5, -0.0, Double.NaN};
        for (double base : bases) {
            RecordWriter w = new RecordWriter(1);
            for (double t : times) {
                w.time(t, base);
            }
            RecordReader r = new RecordReader(w.toByteArray(), 0, "test");
            for (double t : times) {
                assertThat(Double.doubleToRawLongBits(r.time(base))).as("%s against %s", t, base)
                        .isEqualTo(Double.doubleToRawLongBits(t));
            }
        }
    }

    @Test
    void shouldRoundTripDenseAndSnapshotVectorsBitForBit() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int t = 0; t < 500; t++) {
            float[] v = new float[1 + rnd.nextInt(100)];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rnd.nextGaussian();
            }
            float[] half = StatePrecision.COMPACT.dense(v);
            float[] snap = StatePrecision.COMPACT.snapshot(v);
            boolean halves = RecordWriter.halvesExact(half, 0, half.length);
            assertThat(halves).isTrue();
            RecordWriter w = new RecordWriter(1).dense(half, 0, half.length, true).dense(v, 0, v.length, false)
                    .snapshot(snap, 0, snap.length).snapshot(v, 0, v.length);
            assertThat(w.size()).isEqualTo(2 * v.length + 4 * v.length + 1 + v.length
                    + 1 + (snap == v ? v.length : 4 * v.length));
            RecordReader r = new RecordReader(w.toByteArray(), 0, "test");
            float[][] back = new float[4][v.length];
            r.dense(back[0], 0, v.length, true);
            r.dense(back[1], 0, v.length, false);
            r.snapshot(back[2], 0, v.length);
            r.snapshot(back[3], 0, v.length);
            assertThat(back[0]).containsExactly(half);
            assertThat(back[1]).containsExactly(v);
            assertThat(back[2]).containsExactly(snap);
            assertThat(back[3]).containsExactly(v);
        }
    }

    @Test
    void shouldNameTheRecordKindWhenTruncated() {
        byte[] bytes = new RecordWriter(1).varLong(1L << 40).toByteArray();
        RecordReader r = new RecordReader(java.util.Arrays.copyOf(bytes, 3), 0, "SEMBA state");
        assertThatThrownBy(r::varLong).isInstanceOf(StateFormatException.class)
                .hasMessage("SEMBA state record truncated at 3 bytes");
    }
}
