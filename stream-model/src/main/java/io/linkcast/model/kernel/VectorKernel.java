package io.linkcast.model.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Lanes.Kernel} on the Vector API: up to four output vectors are accumulated in registers while the
 * inputs stream by, each input broadcast once per block. The same fused multiply-adds in the same order as
 * {@link Lanes.ScalarKernel}, so both give identical results.
 */
final class VectorKernel implements Lanes.Kernel {
    private static final VectorSpecies<Float> S = pickSpecies();

    private static VectorSpecies<Float> pickSpecies() {
        VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
        // a species wider than the padding would read past a row
        return s.length() > Lanes.WIDTH ? FloatVector.SPECIES_512 : s;
    }

    @Override
    public void affine(float[] w, float[] b, int in, int stride, float[] x, int xOff, float[] y, int yOff) {
        run(w, b, in, stride, x, xOff, y, yOff, true);
    }

    @Override
    public void accumulate(float[] w, int in, int stride, float[] x, int xOff, float[] y, int yOff) {
        run(w, null, in, stride, x, xOff, y, yOff, false);
    }

    private static void run(float[] w, float[] b, int in, int stride, float[] x, int xOff, float[] y, int yOff,
            boolean fromBias) {
        int l = S.length();
        int o = 0;
        for (; o + 4 * l <= stride; o += 4 * l) {
            float[] base = fromBias ? b : y;
            int at = fromBias ? o : yOff + o;
            FloatVector a0 = FloatVector.fromArray(S, base, at);
            FloatVector a1 = FloatVector.fromArray(S, base, at + l);
            FloatVector a2 = FloatVector.fromArray(S, base, at + 2 * l);
            FloatVector a3 = FloatVector.fromArray(S, base, at + 3 * l);
            for (int i = 0, row = o; i < in; i++, row += stride) {
                FloatVector xi = FloatVector.broadcast(S, x[xOff + i]);
                a0 = FloatVector.fromArray(S, w, row).fma(xi, a0);
                a1 = FloatVector.fromArray(S, w, row + l).fma(xi, a1);
                a2 = FloatVector.fromArray(S, w, row + 2 * l).fma(xi, a2);
                a3 = FloatVector.fromArray(S, w, row + 3 * l).fma(xi, a3);
            }
            a0.intoArray(y, yOff + o);
            a1.intoArray(y, yOff + o + l);
            a2.intoArray(y, yOff + o + 2 * l);
            a3.intoArray(y, yOff + o + 3 * l);
        }
        for (; o < stride; o += l) {
            FloatVector a = fromBias ? FloatVector.fromArray(S, b, o) : FloatVector.fromArray(S, y, yOff + o);
            for (int i = 0, row = o; i < in; i++, row += stride) {
                a = FloatVector.fromArray(S, w, row).fma(FloatVector.broadcast(S, x[xOff + i]), a);
            }
            a.intoArray(y, yOff + o);
        }
    }
}
