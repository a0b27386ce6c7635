package io.linkcast.state.compact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfTest {

    /** Every one of the 65,536 halves converts to a float and back to the same bits (NaNs: to a NaN). */
    @Test
    void shouldRoundTripEveryHalfValue() {
        int nans = 0;
        for (int h = 0; h < 0x10000; h++) {
            float f = Half.toFloat((short) h);
            short back = Half.fromFloat(f);
            if (Float.isNaN(f)) {
                nans++;
                assertThat(Float.isNaN(Half.toFloat(back))).as("NaN half 0x%04x", h).isTrue();
                assertThat(back & 0x7fff).as("quiet NaN keeps the top payload bits").isEqualTo((h & 0x7fff) | 0x200);
            } else {
                assertThat(back & 0xffff).as("half 0x%04x = %s", h, f).isEqualTo(h);
                assertThat(Half.isExact(f)).isTrue();
            }
        }
        assertThat(nans).isEqualTo(2 * 1023);
    }

    @Test
    void shouldDecodeKnownHalves() {
        assertThat(Half.toFloat((short) 0x3c00)).isEqualTo(1f);
        assertThat(Half.toFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(Half.toFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(Half.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(Half.toFloat((short) 0x0400)).isEqualTo(0x1p-14f);
        assertThat(Half.toFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float.floatToRawIntBits(Half.toFloat((short) 0x8000))).isEqualTo(0x80000000);
    }

    /**
     * Every float between two adjacent finite halves rounds to the nearer one, ties to the even one: checked
     * against an exact reference in double arithmetic for both neighbours of each half, at the midpoint and
     * one float either side of it.
     */
    @Test
    void shouldRoundToNearestTiesToEvenBetweenEveryPairOfHalves() {
        for (int h = 0; h < 0x7bff; h++) {
            float lo = Half.toFloat((short) h);
            float hi = Half.toFloat((short) (h + 1));
            float mid = (float) (((double) lo + hi) / 2); // exact: halves have 11 significant bits
            int even = (h & 1) == 0 ? h : h + 1;
            assertThat(Half.fromFloat(mid) & 0xffff).as("tie between 0x%04x and 0x%04x", h, h + 1).isEqualTo(even);
            assertThat(Half.fromFloat(Math.nextDown(mid)) & 0xffff).isEqualTo(h);
            assertThat(Half.fromFloat(Math.nextUp(mid)) & 0xffff).isEqualTo(h + 1);
            assertThat(Half.fromFloat(-Math.nextUp(mid)) & 0xffff).isEqualTo(0x8000 | (h + 1));
        }
    }

    @Test
    void shouldOverflowToInfinityAndUnderflowToSignedZero() {
        // 65520 is the midpoint between 65504 and the next (absent) half, 65536: ties to even = infinity
        assertThat(Half.fromFloat(65519.996f) & 0xffff).isEqualTo(0x7bff);
        assertThat(Half.fromFloat(65520f) & 0xffff).isEqualTo(0x7c00);
        assertThat(Half.fromFloat(1e10f) & 0xffff).isEqualTo(0x7c00);
        assertThat(Half.fromFloat(-1e10f) & 0xffff).isEqualTo(0xfc00);
        assertThat(Half.fromFloat(0x1p-25f) & 0xffff).isEqualTo(0); // half the smallest subnormal: tie to 0
        assertThat(Half.fromFloat(Math.nextUp(0x1p-25f)) & 0xffff).isEqualTo(1);
        assertThat(Half.fromFloat(-1e-30f) & 0xffff).isEqualTo(0x8000);
        assertThat(Half.fromFloat(Float.MIN_VALUE) & 0xffff).isEqualTo(0);
    }

    /** Random floats: the result is a nearest half (no half lies strictly closer), seeded. */
    @Test
    void shouldPickANearestHalfForRandomFloats() {
        SplittableRandom rnd = new SplittableRandom(16);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(rnd.nextInt());
            if (!Float.isFinite(f) || Math.abs(f) >= 65520f) {
                continue;
            }
            float r = Half.round(f);
            short h = Half.fromFloat(f);
            double err = Math.abs((double) r - f);
            float up = Half.toFloat((short) (h + 1));
            float down = Half.toFloat((short) (h - 1));
            if (Float.isFinite(up) && (h & 0x7fff) != 0x7bff) {
                assertThat(err).as("%s -> %s", f, r).isLessThanOrEqualTo(Math.abs((double) up - f));
            }
            if ((h & 0x7fff) != 0) {
                assertThat(err).as("%s -> %s", f, r).isLessThanOrEqualTo(Math.abs((double) down - f));
            }
        }
    }
}
