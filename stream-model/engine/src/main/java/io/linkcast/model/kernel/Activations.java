package io.linkcast.model.kernel;

/**
 * Element-wise functions over ranges of float arrays, in place: σ, tanh and the time encoding's cosine. A wave computes
 * thousands of them per event (NAT: 22 per cache row), where the JDK's {@code Math.exp} and {@code Math.cos} run one
 * element per call (docs/results.md, "Figures behind the code"); these are Cephes-style polynomials evaluated across
 * vector lanes.
 *
 * <p>Accuracy: exp within 2 float ulps; cos within 1e-7 absolute for any float argument (the argument is reduced
 * modulo π/2 in double precision with a three-part π/2, so 10^9-second time gaps stay exact). The vector and
 * the scalar implementations run the same IEEE operations in the same order, so an element's result is
 * bit-identical whatever its position in an array or a wave, and with or without the Vector API.
 */
public final class Activations {
    private static final ScalarMath SCALAR = new ScalarMath();

    private Activations() {
    }

    /** 1 / (1 + e^−x), the same value as the array form gives. */
    public static float sigmoid(float x) {
        return 1f / (1f + ScalarMath.exp(-x));
    }

    /** tanh(x), the same value as the array form gives. */
    public static float tanh(float x) {
        float[] one = {x};
        SCALAR.tanh(one, 0, 1);
        return one[0];
    }

    /** cos(x·ω + φ) rounded as {@link #timeEncoding} rounds it. */
    public static float cosEncoding(float x, float omega, float phi) {
        float arg = x * omega;
        float[] one = {arg + phi};
        SCALAR.cos(one, 0, 1);
        return one[0];
    }

    /** a[i] = 1 / (1 + e^−a[i]) for i in [from, to). */
    public static void sigmoid(float[] a, int from, int to) {
        Lanes.MATH.sigmoid(a, from, to);
    }

    /** a[i] = tanh(a[i]) for i in [from, to). */
    public static void tanh(float[] a, int from, int to) {
        Lanes.MATH.tanh(a, from, to);
    }

    /** a[i] = cos(a[i]) for i in [from, to). */
    public static void cos(float[] a, int from, int to) {
        Lanes.MATH.cos(a, from, to);
    }

    /**
     * out[at + k] = cos(x·ω_k + φ_k) for k < ω.length, with the argument rounded to float after each step as a
     * float32 tensor computes it: for time inputs of 10^9 s the rounding of x·ω decides the result.
     */
    public static void timeEncoding(float x, float[] omega, float[] phi, float[] out, int at) {
        for (int k = 0; k < omega.length; k++) {
            float arg = x * omega[k];
            out[at + k] = arg + phi[k];
        }
        cos(out, at, at + omega.length);
    }

    /** The functions, element by element. */
    interface Math {
        void sigmoid(float[] a, int from, int to);

        void tanh(float[] a, int from, int to);

        void cos(float[] a, int from, int to);
    }

    /** The polynomials' constants and one element at a time; {@link VectorMath} mirrors every operation. */
    static final class ScalarMath implements Math {
        static final float EXP_HI = 87f;
        static final float LOG2E = 1.44269504088896341f;
        /** 1.5·2^23: adding it rounds a float below 2^22 to an integer, kept in the low mantissa bits. */
        static final float ROUND_F = 12582912f;
        static final int ROUND_F_BITS = 0x4B400000;
        static final float LN2_HI = 0.693359375f;
        static final float LN2_LO = -2.12194440e-4f;
        static final float[] EXP_POLY = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f,
            1.6666665459e-1f, 5.0000001201e-1f};
        static final double TWO_OVER_PI = 0.6366197723675814;
        /** 1.5·2^52, the same trick in double. */
        static final double ROUND_D = 6755399441055744.0;
        /** π/2 in three parts of 24, 24 and 53 bits: k·P1 and k·P2 are exact for |k| < 2^29. */
        static final double P1 = 1.570796251296997;
        static final double P2 = 7.549789415861596e-08;
        static final double P3 = 5.390302858158119e-15;
        /** Taylor coefficients of cos and sin on [−π/4, π/4]: truncation below 3e-8. */
        static final double[] COS_POLY = {1.0 / 40320, -1.0 / 720, 1.0 / 24, -0.5, 1.0};
        static final double[] SIN_POLY = {1.0 / 362880, -1.0 / 5040, 1.0 / 120, -1.0 / 6, 1.0};

        @Override
        public void sigmoid(float[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                a[i] = 1f / (1f + exp(-a[i]));
            }
        }

        @Override
        public void tanh(float[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                float x = a[i];
                float e = exp(-2f * java.lang.Math.abs(x));
                float t = (1f - e) / (1f + e);
                a[i] = x < 0f ? -t : t;
            }
        }

        static float exp(float x) {
            x = java.lang.Math.min(java.lang.Math.max(x, -EXP_HI), EXP_HI);
            float t = x * LOG2E + ROUND_F;
            float k = t - ROUND_F;
            float r = x - k * LN2_HI;
            r = r - k * LN2_LO;
            float y = EXP_POLY[0];
            for (int i = 1; i < EXP_POLY.length; i++) {
                y = y * r + EXP_POLY[i];
            }
            y = y * (r * r) + r + 1f;
            int twoK = (Float.floatToRawIntBits(t) - ROUND_F_BITS + 127) << 23;
            return y * Float.intBitsToFloat(twoK);
        }

        @Override
        public void cos(float[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                double d = a[i];
                double t = d * TWO_OVER_PI + ROUND_D;
                double k = t - ROUND_D;
                double r = d - k * P1;
                r = r - k * P2;
                r = r - k * P3;
                double r2 = r * r;
                double c = COS_POLY[0];
                double s = SIN_POLY[0];
                for (int j = 1; j < COS_POLY.length; j++) {
                    c = c * r2 + COS_POLY[j];
                    s = s * r2 + SIN_POLY[j];
                }
                s = s * r;
                long q = Double.doubleToRawLongBits(t) & 3;
                double v = (q & 1) != 0 ? s : c;
                a[i] = (float) (((q + 1) & 2) != 0 ? -v : v);
            }
        }
    }
}
