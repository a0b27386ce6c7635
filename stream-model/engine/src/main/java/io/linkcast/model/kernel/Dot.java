package io.linkcast.model.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of padded float rows (lengths a whole number of {@link Lanes#WIDTH} blocks, as {@link DenseLayer}
 * outputs and padded feature rows are).
 *
 * <p>The summation order is fixed and the same on every path: {@link Lanes#WIDTH} lane sums, each accumulated
 * with fused multiply-adds block by block, then folded in halves (lane l + lane l+8, then +4, +2, +1). So a dot
 * never depends on where its row sits in a batch, on the JIT tier, nor on whether the Vector API is there;
 * {@code reduceLanes} would leave the order to the JDK, which may change it between tiers and versions.
 */
public final class Dot {
    private static final boolean VECTOR = Lanes.vectorised() && VectorDot.usable();

    private Dot() {
    }

    /** a[aOff .. aOff + n) · b[bOff .. bOff + n), n a multiple of {@link Lanes#WIDTH}. */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        if (n % Lanes.WIDTH != 0) {
            throw new IllegalArgumentException("dot of " + n + " floats, not a multiple of " + Lanes.WIDTH);
        }
        return VECTOR ? VectorDot.dot(a, aOff, b, bOff, n) : scalar(a, aOff, b, bOff, n);
    }

    static float scalar(float[] a, int aOff, float[] b, int bOff, int n) {
        float[] lanes = new float[Lanes.WIDTH];
        for (int block = 0; block < n; block += Lanes.WIDTH) {
            for (int l = 0; l < Lanes.WIDTH; l++) {
                lanes[l] = Math.fma(a[aOff + block + l], b[bOff + block + l], lanes[l]);
            }
        }
        for (int half = Lanes.WIDTH / 2; half > 0; half /= 2) {
            for (int l = 0; l < half; l++) {
                lanes[l] += lanes[l + half];
            }
        }
        return lanes[0];
    }

    /** One 512-bit vector per block; only where the preferred species is that wide. */
    private static final class VectorDot {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
        private static final VectorShuffle<Float> BY8 = VectorShuffle.iota(S, 8, 1, true);
        private static final VectorShuffle<Float> BY4 = VectorShuffle.iota(S, 4, 1, true);
        private static final VectorShuffle<Float> BY2 = VectorShuffle.iota(S, 2, 1, true);
        private static final VectorShuffle<Float> BY1 = VectorShuffle.iota(S, 1, 1, true);

        static boolean usable() {
            return FloatVector.SPECIES_PREFERRED.length() == Lanes.WIDTH;
        }

        static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
            FloatVector acc = FloatVector.zero(S);
            for (int block = 0; block < n; block += Lanes.WIDTH) {
                acc = FloatVector.fromArray(S, a, aOff + block).fma(FloatVector.fromArray(S, b, bOff + block), acc);
            }
            // lane l + lane l+8 etc.; the upper lanes pick up wrapped sums that are never read
            acc = acc.add(acc.rearrange(BY8));
            acc = acc.add(acc.rearrange(BY4));
            acc = acc.add(acc.rearrange(BY2));
            acc = acc.add(acc.rearrange(BY1));
            return acc.lane(0);
        }
    }
}
