package io.linkcast.model.kernel;

import java.util.Objects;

/**
 * A linear layer y = x·W + b for one row x at a time, laid out once when a model version is loaded: the weights
 * transposed to [in][stride] with the outputs padded to a whole number of vector lanes, the bias padded alike.
 * The output buffer therefore needs {@link #stride()} floats from its offset (the padding columns come out zero);
 * the input needs only {@link #in()}.
 *
 * <p>Each output is accumulated over the inputs in index order, the same order for every row and every batch,
 * so a row's result never depends on which other rows are computed with it (batch invariance). The order
 * differs from libtorch's, so results agree with the DJL path to rounding, not bit for bit.
 */
public final class DenseLayer {
    private final int in;
    private final int out;
    private final int stride;
    private final float[] weights;
    private final float[] bias;

    private DenseLayer(int in, int out, float[] weights, float[] bias) {
        this.in = in;
        this.out = out;
        this.stride = Lanes.padded(out);
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * A layer from a PyTorch weight [out][in] (row-major, {@code x·Wᵀ}) and a bias of {@code out} floats, or null.
     */
    public static DenseLayer fromRows(float[] w, float[] b, int out, int in) {
        check(w, b, out, in);
        int stride = Lanes.padded(out);
        float[] t = new float[in * stride];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                t[i * stride + o] = w[o * in + i];
            }
        }
        return new DenseLayer(in, out, t, paddedBias(b, out, stride));
    }

    /** A layer from a weight [in][out] (row-major, {@code x·W}) and a bias of {@code out} floats, or null. */
    public static DenseLayer fromColumns(float[] w, float[] b, int in, int out) {
        check(w, b, out, in);
        int stride = Lanes.padded(out);
        float[] t = new float[in * stride];
        for (int i = 0; i < in; i++) {
            System.arraycopy(w, i * out, t, i * stride, out);
        }
        return new DenseLayer(in, out, t, paddedBias(b, out, stride));
    }

    private static void check(float[] w, float[] b, int out, int in) {
        Objects.requireNonNull(w, "weights");
        if (w.length != out * in) {
            throw new IllegalArgumentException("weights of " + w.length + " floats for " + out + " x " + in);
        }
        if (b != null && b.length != out) {
            throw new IllegalArgumentException("bias of " + b.length + " floats for " + out + " outputs");
        }
    }

    private static float[] paddedBias(float[] b, int out, int stride) {
        float[] p = new float[stride];
        if (b != null) {
            System.arraycopy(b, 0, p, 0, out);
        }
        return p;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    /** Floats the output occupies: {@link #out()} rounded up to whole vector lanes. */
    public int stride() {
        return stride;
    }

    /** y[yOff ..] = x[xOff .. xOff + in) · W + b, {@link #stride()} floats written. */
    public void apply(float[] x, int xOff, float[] y, int yOff) {
        Lanes.KERNEL.affine(weights, bias, in, stride, x, xOff, y, yOff);
    }

    /**
     * {@link #apply} for {@code rows} rows at once, row r read from x[xOff + r · xStride] and written to
     * y[yOff + r · yStride] (at least {@link #stride()} floats apart): the same bits per row as {@link #apply},
     * faster, as each weight is loaded once for several rows.
     */
    public void applyRows(float[] x, int xOff, int xStride, float[] y, int yOff, int yStride, int rows) {
        Lanes.KERNEL.affineRows(weights, bias, in, stride, x, xOff, xStride, y, yOff, yStride, rows);
    }

    /**
     * y[yOff ..] += x[xOff .. xOff + in) · W (no bias): a layer applied to one part of a concatenated input, the
     * other parts' products already in y.
     */
    public void accumulate(float[] x, int xOff, float[] y, int yOff) {
        Lanes.KERNEL.accumulate(weights, in, stride, x, xOff, y, yOff);
    }
}
