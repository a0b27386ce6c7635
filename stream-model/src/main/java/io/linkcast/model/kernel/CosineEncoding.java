package io.linkcast.model.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A time encoding cos(x·ω_i + φ_i) for every frequency at once, with the argument rounded to float after each
 * step as {@link Activations#cosEncoding} (and a float32 tensor) rounds it.
 *
 * <p>Why not Math.cos: SEMBA encodes the gap of every neighbour of every row, hundreds of cosines per row, and
 * at ~15 ns each they cost more than all its matrix products. Here the argument is reduced by 2π in double
 * precision and cos's Taylor series to r^22 is evaluated on [−π, π] (error below 1e-11), then rounded to float:
 * within an ulp of Math.cos rounded to float, eight lanes at a time with the Vector API (a polynomial, not the
 * API's slow transcendental lanes). It uses only IEEE additions and multiplications, the same in the vector
 * lanes, the scalar tail and every JIT tier, so a value's bits never depend on the path. Arguments beyond ±1e6, where
 * one double 2π no longer reduces to float accuracy, take Math.cos.
 */
public final class CosineEncoding {
    private static final boolean VECTOR = Lanes.vectorised();
    /**
     * Per thread: the vector loads and stores were ten times slower (not compiled as intrinsics) on an array
     * allocated in the same compiled method, which inlining makes of any per-call array.
     */
    private static final ThreadLocal<double[]> ARGUMENTS = ThreadLocal.withInitial(() -> new double[32]);
    private static final double TWO_PI = 2 * Math.PI;
    private static final double INVERSE_TWO_PI = 1 / (2 * Math.PI);
    private static final double LIMIT = 1e6;
    /** (−1)^k / (2k)! for k = 0..11. */
    private static final double C0 = 1;
    private static final double C1 = -C0 / (1 * 2);
    private static final double C2 = -C1 / (3 * 4);
    private static final double C3 = -C2 / (5 * 6);
    private static final double C4 = -C3 / (7 * 8);
    private static final double C5 = -C4 / (9 * 10);
    private static final double C6 = -C5 / (11 * 12);
    private static final double C7 = -C6 / (13 * 14);
    private static final double C8 = -C7 / (15 * 16);
    private static final double C9 = -C8 / (17 * 18);
    private static final double C10 = -C9 / (19 * 20);
    private static final double C11 = -C10 / (21 * 22);

    private CosineEncoding() {
    }

    /** out[off + i] = cos(fl(fl(x · ω[i]) + φ[i])) for i < n. */
    public static void encode(float x, float[] omega, float[] phase, int n, float[] out, int off) {
        double[] args = ARGUMENTS.get();
        if (args.length < n) {
            args = new double[n];
            ARGUMENTS.set(args);
        }
        boolean small = true;
        for (int i = 0; i < n; i++) {
            // two roundings, as a float32 tensor's mul then add (Java never fuses them)
            float arg = x * omega[i] + phase[i];
            args[i] = arg;
            small &= Math.abs(arg) <= LIMIT;
        }
        int vectorised = small && VECTOR ? VectorCosine.cosines(args, n) : 0;
        for (int i = 0; i < vectorised; i++) {
            out[off + i] = (float) args[i];
        }
        for (int i = vectorised; i < n; i++) {
            double a = args[i];
            out[off + i] = (float) (Math.abs(a) > LIMIT ? Math.cos(a) : cosine(a));
        }
    }

    /** cos(a) for |a| ≤ 1e6; {@link VectorCosine#cosine} computes the same bits. */
    static double cosine(double a) {
        double r = a - Math.rint(a * INVERSE_TWO_PI) * TWO_PI;
        double z = r * r;
        double c = z * C11 + C10;
        c = c * z + C9;
        c = c * z + C8;
        c = c * z + C7;
        c = c * z + C6;
        c = c * z + C5;
        c = c * z + C4;
        c = c * z + C3;
        c = c * z + C2;
        c = c * z + C1;
        return c * z + C0;
    }

    /** {@link #cosine} on eight doubles at a time, with the same operations in the same order. */
    private static final class VectorCosine {
        private static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
        /** Adding and subtracting 1.5 · 2^52 rounds a double below 2^51 in magnitude as rint does. */
        private static final double ROUNDER = 0x1.8p52;

        /**
         * a[i] = cos(a[i]) for the whole blocks of eight; returns how many it replaced. Written out in one method,
         * with no array of coefficients: a vector passed to or returned from a call C2 did not inline is boxed,
         * ten times slower.
         */
        static int cosines(double[] a, int n) {
            int l = D.length();
            int i = 0;
            for (; i + l <= n; i += l) {
                DoubleVector v = DoubleVector.fromArray(D, a, i);
                DoubleVector k = v.mul(INVERSE_TWO_PI).add(ROUNDER).sub(ROUNDER);
                DoubleVector r = v.sub(k.mul(TWO_PI));
                DoubleVector z = r.mul(r);
                DoubleVector c = z.mul(C11).add(C10);
                c = c.mul(z).add(C9);
                c = c.mul(z).add(C8);
                c = c.mul(z).add(C7);
                c = c.mul(z).add(C6);
                c = c.mul(z).add(C5);
                c = c.mul(z).add(C4);
                c = c.mul(z).add(C3);
                c = c.mul(z).add(C2);
                c = c.mul(z).add(C1);
                c.mul(z).add(C0).intoArray(a, i);
            }
            return i;
        }
    }
}
