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

    /**
     * Rows across lanes. The multiply-adds sit in small methods of their own, four outputs or one at a time, that
     * leave their accumulators in {@code acc}: when they were written inline here, C2 found the method too large to
     * inline every Vector API call, and the calls it did not inline ran the Vector API's scalar fallback
     * (docs/results.md, session 13).
     */
    @Override
    public void affineAcross(float[] w, float[] b, int in, int out, int rows, float[] xt, int ldx, float[] y, int yOff,
            int yStride) {
        int l = S.length();
        float[] acc = new float[4 * l];
        for (int r = 0; r < rows; r += l) {
            int n = Math.min(l, rows - r);
            int o = 0;
            for (; o + 4 <= out; o += 4) {
                fourOutputs(w, b, in, o, xt, r, ldx, acc);
                for (int k = 0; k < 4; k++) {
                    scatter(acc, k * l, n, r, o + k, y, yOff, yStride);
                }
            }
            for (; o < out; o++) {
                oneOutput(w, b, in, o, xt, r, ldx, acc);
                scatter(acc, 0, n, r, o, y, yOff, yStride);
            }
        }
    }

    private static void fourOutputs(float[] w, float[] b, int in, int o, float[] xt, int r, int ldx, float[] acc) {
        int l = S.length();
        FloatVector a0 = FloatVector.broadcast(S, b[o]);
        FloatVector a1 = FloatVector.broadcast(S, b[o + 1]);
        FloatVector a2 = FloatVector.broadcast(S, b[o + 2]);
        FloatVector a3 = FloatVector.broadcast(S, b[o + 3]);
        int w0 = o * in;
        for (int i = 0, at = r; i < in; i++, at += ldx) {
            FloatVector xi = FloatVector.fromArray(S, xt, at);
            a0 = xi.fma(FloatVector.broadcast(S, w[w0 + i]), a0);
            a1 = xi.fma(FloatVector.broadcast(S, w[w0 + in + i]), a1);
            a2 = xi.fma(FloatVector.broadcast(S, w[w0 + 2 * in + i]), a2);
            a3 = xi.fma(FloatVector.broadcast(S, w[w0 + 3 * in + i]), a3);
        }
        a0.intoArray(acc, 0);
        a1.intoArray(acc, l);
        a2.intoArray(acc, 2 * l);
        a3.intoArray(acc, 3 * l);
    }

    private static void oneOutput(float[] w, float[] b, int in, int o, float[] xt, int r, int ldx, float[] acc) {
        FloatVector a = FloatVector.broadcast(S, b[o]);
        for (int i = 0, at = r; i < in; i++, at += ldx) {
            a = FloatVector.fromArray(S, xt, at).fma(FloatVector.broadcast(S, w[o * in + i]), a);
        }
        a.intoArray(acc, 0);
    }

    private static void scatter(float[] acc, int from, int n, int r, int o, float[] y, int yOff, int yStride) {
        for (int k = 0; k < n; k++) {
            y[yOff + (r + k) * yStride + o] = acc[from + k];
        }
    }

    /**
     * Four rows at a time against each block of output lanes: one weight load serves four independent
     * multiply-add chains, where a single row of a narrow layer (NAT's slot projection: 82 inputs, 4 outputs)
     * waits on one chain's latency at every input.
     */
    @Override
    public void affineRows(float[] w, float[] b, int in, int stride, int rows, float[] x, int xOff, int xStride,
            float[] y, int yOff, int yStride) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int x0 = xOff + r * xStride;
            int y0 = yOff + r * yStride;
            fourRows(w, b, in, stride, x, x0, x0 + xStride, x0 + 2 * xStride, x0 + 3 * xStride, y, y0, y0 + yStride,
                    y0 + 2 * yStride, y0 + 3 * yStride);
        }
        for (; r < rows; r++) {
            run(w, b, in, stride, x, xOff + r * xStride, y, yOff + r * yStride, true);
        }
    }

    /**
     * Four rows of {@link #affine}, two output vectors at a time: the weights stream from L2 once for four rows instead
     * of once per row, which bounded the one-row kernel. Per row and lane the same fused multiply-adds in the same
     * order as {@link #run}. Kept small: C2 stops inlining Vector API calls into a method it finds too large, and a
     * vector that is not inlined is boxed: allocation and lost throughput (docs/results.md, "Figures behind the code").
     */
    private static void fourRows(float[] w, float[] b, int in, int stride, float[] x, int x0, int x1, int x2,
            int x3, float[] y, int y0, int y1, int y2, int y3) {
        int l = S.length();
        int o = 0;
        for (; o + 2 * l <= stride; o += 2 * l) {
            FloatVector b0 = FloatVector.fromArray(S, b, o);
            FloatVector b1 = FloatVector.fromArray(S, b, o + l);
            FloatVector a00 = b0;
            FloatVector a01 = b1;
            FloatVector a10 = b0;
            FloatVector a11 = b1;
            FloatVector a20 = b0;
            FloatVector a21 = b1;
            FloatVector a30 = b0;
            FloatVector a31 = b1;
            for (int i = 0, row = o; i < in; i++, row += stride) {
                FloatVector w0 = FloatVector.fromArray(S, w, row);
                FloatVector w1 = FloatVector.fromArray(S, w, row + l);
                FloatVector v0 = FloatVector.broadcast(S, x[x0 + i]);
                a00 = w0.fma(v0, a00);
                a01 = w1.fma(v0, a01);
                FloatVector v1 = FloatVector.broadcast(S, x[x1 + i]);
                a10 = w0.fma(v1, a10);
                a11 = w1.fma(v1, a11);
                FloatVector v2 = FloatVector.broadcast(S, x[x2 + i]);
                a20 = w0.fma(v2, a20);
                a21 = w1.fma(v2, a21);
                FloatVector v3 = FloatVector.broadcast(S, x[x3 + i]);
                a30 = w0.fma(v3, a30);
                a31 = w1.fma(v3, a31);
            }
            a00.intoArray(y, y0 + o);
            a01.intoArray(y, y0 + o + l);
            a10.intoArray(y, y1 + o);
            a11.intoArray(y, y1 + o + l);
            a20.intoArray(y, y2 + o);
            a21.intoArray(y, y2 + o + l);
            a30.intoArray(y, y3 + o);
            a31.intoArray(y, y3 + o + l);
        }
        for (; o < stride; o += l) {
            FloatVector a0 = FloatVector.fromArray(S, b, o);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int i = 0, row = o; i < in; i++, row += stride) {
                FloatVector wi = FloatVector.fromArray(S, w, row);
                a0 = wi.fma(FloatVector.broadcast(S, x[x0 + i]), a0);
                a1 = wi.fma(FloatVector.broadcast(S, x[x1 + i]), a1);
                a2 = wi.fma(FloatVector.broadcast(S, x[x2 + i]), a2);
                a3 = wi.fma(FloatVector.broadcast(S, x[x3 + i]), a3);
            }
            a0.intoArray(y, y0 + o);
            a1.intoArray(y, y1 + o);
            a2.intoArray(y, y2 + o);
            a3.intoArray(y, y3 + o);
        }
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
