package io.linkcast.model.kernel;

import static io.linkcast.model.kernel.Activations.ScalarMath.COS_POLY;
import static io.linkcast.model.kernel.Activations.ScalarMath.EXP_HI;
import static io.linkcast.model.kernel.Activations.ScalarMath.EXP_POLY;
import static io.linkcast.model.kernel.Activations.ScalarMath.LN2_HI;
import static io.linkcast.model.kernel.Activations.ScalarMath.LN2_LO;
import static io.linkcast.model.kernel.Activations.ScalarMath.LOG2E;
import static io.linkcast.model.kernel.Activations.ScalarMath.P1;
import static io.linkcast.model.kernel.Activations.ScalarMath.P2;
import static io.linkcast.model.kernel.Activations.ScalarMath.P3;
import static io.linkcast.model.kernel.Activations.ScalarMath.ROUND_D;
import static io.linkcast.model.kernel.Activations.ScalarMath.ROUND_F;
import static io.linkcast.model.kernel.Activations.ScalarMath.ROUND_F_BITS;
import static io.linkcast.model.kernel.Activations.ScalarMath.SIN_POLY;
import static io.linkcast.model.kernel.Activations.ScalarMath.TWO_OVER_PI;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Activations.ScalarMath} across vector lanes: the same operations in the same order (no fused
 * multiply-adds on either side), the tail of a range done by the scalar code.
 */
final class VectorMath implements Activations.Math {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private final Activations.ScalarMath scalar = new Activations.ScalarMath();

    @Override
    public void sigmoid(float[] a, int from, int to) {
        int i = from;
        for (int end = to - F.length(); i <= end; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, i);
            FloatVector one = FloatVector.broadcast(F, 1f);
            one.div(one.add(exp(x.neg()))).intoArray(a, i);
        }
        scalar.sigmoid(a, i, to);
    }

    @Override
    public void tanh(float[] a, int from, int to) {
        int i = from;
        for (int end = to - F.length(); i <= end; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, i);
            FloatVector one = FloatVector.broadcast(F, 1f);
            FloatVector e = exp(x.abs().mul(-2f));
            FloatVector t = one.sub(e).div(one.add(e));
            t.blend(t.neg(), x.compare(VectorOperators.LT, 0f)).intoArray(a, i);
        }
        scalar.tanh(a, i, to);
    }

    private static FloatVector exp(FloatVector x) {
        x = x.max(-EXP_HI).min(EXP_HI);
        FloatVector t = x.mul(LOG2E).add(ROUND_F);
        FloatVector k = t.sub(ROUND_F);
        FloatVector r = x.sub(k.mul(LN2_HI));
        r = r.sub(k.mul(LN2_LO));
        FloatVector y = FloatVector.broadcast(F, EXP_POLY[0]);
        for (int i = 1; i < EXP_POLY.length; i++) {
            y = y.mul(r).add(EXP_POLY[i]);
        }
        y = y.mul(r.mul(r)).add(r).add(1f);
        IntVector twoK = ((IntVector) t.reinterpretAsInts()).sub(ROUND_F_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        return y.mul(twoK.reinterpretAsFloats());
    }

    @Override
    public void cos(float[] a, int from, int to) {
        int i = from;
        int l = F.length();
        int half = D.length();
        if (l == 2 * half) {
            // widened and narrowed across lanes (vcvtps2pd / vcvtpd2ps), faster than copying through a double[]
            // element by element, with the same bits. Only the preferred shapes: a second float shape in the
            // process (a 256-bit half) made the matrix kernels' vector calls polymorphic, and C2 then boxed
            // every vector they made (docs/results.md, session 7). Only part 0 of each conversion: on
            // Java 17 the other parts are not intrinsics and ran the Vector API's scalar fallback (shuffles and
            // masks through arrays), so the upper half is loaded on its own and the two halves meet in `both`.
            float[] both = new float[l + half];
            for (int end = Math.min(to - l, a.length - l - half); i <= end; i += l) {
                narrow(cos(widen(a, i))).intoArray(both, 0);
                narrow(cos(widen(a, i + half))).intoArray(both, half);
                FloatVector.fromArray(F, both, 0).intoArray(a, i);
            }
        }
        scalar.cos(a, i, to);
    }

    /** The first half of a[i, i + F.length()) as doubles. */
    private static DoubleVector widen(float[] a, int i) {
        return (DoubleVector) FloatVector.fromArray(F, a, i).convertShape(VectorOperators.F2D, D, 0);
    }

    /** x as floats in the lower half of a float vector. */
    private static FloatVector narrow(DoubleVector x) {
        return (FloatVector) x.convertShape(VectorOperators.D2F, F, 0);
    }

    private static DoubleVector cos(DoubleVector x) {
        DoubleVector t = x.mul(TWO_OVER_PI).add(ROUND_D);
        DoubleVector k = t.sub(ROUND_D);
        DoubleVector r = x.sub(k.mul(P1));
        r = r.sub(k.mul(P2));
        r = r.sub(k.mul(P3));
        DoubleVector r2 = r.mul(r);
        DoubleVector c = DoubleVector.broadcast(D, COS_POLY[0]);
        DoubleVector s = DoubleVector.broadcast(D, SIN_POLY[0]);
        for (int j = 1; j < COS_POLY.length; j++) {
            c = c.mul(r2).add(COS_POLY[j]);
            s = s.mul(r2).add(SIN_POLY[j]);
        }
        s = s.mul(r);
        LongVector q = ((LongVector) t.reinterpretAsLongs()).and(3L);
        VectorMask<Double> swap = q.and(1L).compare(VectorOperators.NE, 0L).cast(D);
        VectorMask<Double> negate = q.add(1L).and(2L).compare(VectorOperators.NE, 0L).cast(D);
        DoubleVector v = c.blend(s, swap);
        return v.blend(v.neg(), negate);
    }
}
