package io.linkcast.state.compact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Snapshot8Test {

    @Test
    void shouldUseTheSmallestPowerOfTwoScaleThatFitsTheLargestMagnitude() {
        // 0.9 / 2^-7 = 115.2 fits in 127 steps, 0.9 / 2^-8 = 230 does not
        float[] r = Snapshot8.round(new float[] {0.9f, -0.5f, 0.001f, 0f});
        assertThat(r).containsExactly(115 / 128f, -64 / 128f, 0f, 0f);
        // exactly 127 steps still fits
        assertThat(Snapshot8.exponentByte(new float[] {127f}, 0, 1)).isEqualTo(0 - Snapshot8.MIN_EXPONENT);
        assertThat(Snapshot8.exponentByte(new float[] {127.5f}, 0, 1)).isEqualTo(1 - Snapshot8.MIN_EXPONENT);
    }

    @Test
    void shouldRoundHalfToEvenAndStayWithinHalfAStep() {
        // scale 2^-7: 0.5/128 and 1.5/128 are ties
        float[] r = Snapshot8.round(new float[] {1f, 0.5f / 128, 1.5f / 128, -2.5f / 128});
        assertThat(r).containsExactly(1f, 0f, 2 / 128f, -2 / 128f);
        SplittableRandom rnd = new SplittableRandom(8);
        for (int t = 0; t < 2000; t++) {
            float[] v = new float[1 + rnd.nextInt(130)];
            double scale = Math.pow(10, rnd.nextInt(-30, 30));
            double max = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (rnd.nextGaussian() * scale);
                max = Math.max(max, Math.abs(v[i]));
            }
            float[] q = Snapshot8.round(v);
            for (int i = 0; i < v.length; i++) {
                // the step is at most max/63.5, so the error at most max/127
                assertThat(Math.abs((double) q[i] - v[i])).isLessThanOrEqualTo(max / 127 + Float.MIN_VALUE);
            }
        }
    }

    /** Rounding a rounded vector changes nothing: the property the codec's losslessness rests on. */
    @Test
    void shouldBeIdempotentAndExactAfterRounding() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int t = 0; t < 5000; t++) {
            float[] v = new float[1 + rnd.nextInt(80)];
            double scale = Math.pow(2, rnd.nextInt(-140, 120));
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (rnd.nextDouble(-1, 1) * scale);
            }
            float[] once = Snapshot8.round(v);
            assertThat(Snapshot8.round(once)).as("trial %d", t).isSameAs(once);
            int eb = Snapshot8.exponentByte(once, 0, once.length);
            assertThat(eb).isNotEqualTo(Snapshot8.RAW);
            assertThat(Snapshot8.isExact(once, 0, once.length, eb)).isTrue();
        }
    }

    @Test
    void shouldLeaveNonFiniteVectorsAlone() {
        float[] v = {1f, Float.NaN, 0.3f};
        assertThat(Snapshot8.round(v)).isSameAs(v);
        float[] w = {Float.NEGATIVE_INFINITY, 0.3f};
        assertThat(Snapshot8.exponentByte(w, 0, 2)).isEqualTo(Snapshot8.RAW);
        assertThat(Snapshot8.exponentByte(new float[] {Float.MAX_VALUE}, 0, 1)).isEqualTo(Snapshot8.RAW);
    }

    @Test
    void shouldRoundRowsWithOneScaleEach() {
        float[] v = {100f, 1f, 0.01f, 0.003f};
        float[] r = Snapshot8.roundRows(v, 2);
        // row 0 at scale 1: 1 stays; row 1 at scale 2^-14: 0.003 keeps about 7 bits
        assertThat(r[1]).isEqualTo(1f);
        assertThat(r[3]).isCloseTo(0.003f, org.assertj.core.data.Offset.offset(0.01f / 127));
        assertThat(r[3]).isNotEqualTo(0f);
        assertThat(v[3]).isEqualTo(0.003f); // the input is not touched
    }

    @Test
    void shouldCodeTheRoundedVectorWithoutRoundingItFirst() {
        SplittableRandom rnd = new SplittableRandom(21);
        for (int trial = 0; trial < 200; trial++) {
            float[] v = new float[1 + rnd.nextInt(40)];
            double magnitude = Math.pow(10, rnd.nextInt(-45, 40));
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (rnd.nextGaussian() * magnitude);
            }
            v[rnd.nextInt(v.length)] = trial % 3 == 0 ? -0f : trial % 7 == 0 ? Float.NaN : v[0];
            float[] rounded = Snapshot8.round(v.clone());
            byte[] fresh = new byte[Snapshot8.codeBytes(v.length)];
            Snapshot8.code(rounded, 0, v.length, fresh, 0);
            byte[] code = new byte[Snapshot8.codeBytes(v.length) + 2];
            boolean coded = Snapshot8.roundToCode(v, code, 2);
            assertThat(coded).as("trial %d", trial).isEqualTo((fresh[0] & 0xff) != Snapshot8.RAW);
            if (!coded) {
                assertThat(code[2] & 0xff).isEqualTo(Snapshot8.RAW);
                assertThat(rounded).usingElementComparator(Snapshot8Test::rawCompare).containsExactly(v);
            } else {
                assertThat(java.util.Arrays.copyOfRange(code, 2, code.length)).as("trial %d", trial)
                        .containsExactly(fresh);
            }
        }
    }

    @Test
    void shouldDecodeEveryExponentToTheExactValuesOfItsQuotients() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int eb = 0; eb < Snapshot8.RAW; eb++) {
            int len = 1 + rnd.nextInt(70); // across the vector loop and its scalar tail
            byte[] code = new byte[3 + Snapshot8.codeBytes(len)];
            code[3] = (byte) eb;
            for (int i = 0; i < len; i++) {
                code[4 + i] = (byte) (rnd.nextInt(255) - 127);
            }
            int first = rnd.nextInt(len);
            float[] out = new float[2 + len];
            Snapshot8.decode(code, 3, first, out, 2, len - first);
            for (int i = first; i < len; i++) {
                assertThat(Float.floatToRawIntBits(out[2 + i - first])).as("exponent byte %d, element %d", eb, i)
                        .isEqualTo(Float.floatToRawIntBits(Snapshot8.value(code[4 + i], eb)));
            }
        }
    }

    private static int rawCompare(Float a, Float b) {
        return Integer.compare(Float.floatToRawIntBits(a), Float.floatToRawIntBits(b));
    }
}
