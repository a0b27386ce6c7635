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
    /** [out][in], for {@link #applyAcross}. */
    private final float[] rowMajor;

    private DenseLayer(int in, int out, float[] weights, float[] bias) {
        this.in = in;
        this.out = out;
        this.stride = Lanes.padded(out);
        this.weights = weights;
        this.bias = bias;
        this.rowMajor = new float[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                rowMajor[o * in + i] = weights[i * stride + o];
            }
        }
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
     * {@link #apply} for {@code rows} rows: row r reads x from {@code xOff + r·xStride} and writes y at
     * {@code yOff + r·yStride}. Each row gets exactly the values {@link #apply} gives it alone.
     */
    public void applyRows(int rows, float[] x, int xOff, int xStride, float[] y, int yOff, int yStride) {
        Lanes.KERNEL.affineRows(weights, bias, in, stride, rows, x, xOff, xStride, y, yOff, yStride);
    }

    /**
     * {@link #apply} for {@code rows} rows given column-wise, for layers narrower than a vector (NAT's slot
     * projection has 4 outputs, which would leave three quarters of every lane idle): input i of row r at
     * {@code xt[i·ldx + r]}, with {@code ldx} ≥ {@link #paddedRows}({@code rows}); row r's {@link #out()} outputs go
     * to {@code y[yOff + r·yStride ..]}. Each output equals what {@link #apply} gives, bit for bit.
     */
    public void applyAcross(int rows, float[] xt, int ldx, float[] y, int yOff, int yStride) {
        if (ldx % Lanes.WIDTH != 0 || ldx < rows) {
            throw new IllegalArgumentException("ldx " + ldx + " must be a multiple of " + Lanes.WIDTH + " and >= " + rows);
        }
        Lanes.KERNEL.affineAcross(rowMajor, bias, in, out, rows, xt, ldx, y, yOff, yStride);
    }

    /** Rows rounded up to whole vector lanes: the least leading dimension {@link #applyAcross} takes. */
    public static int paddedRows(int rows) {
        return Lanes.padded(rows);
    }

    /**
     * y[yOff ..] += x[xOff .. xOff + in) · W (no bias): a layer applied to one part of a concatenated input, the
     * other parts' products already in y.
     */
    public void accumulate(float[] x, int xOff, float[] y, int yOff) {
        Lanes.KERNEL.accumulate(weights, in, stride, x, xOff, y, yOff);
    }
}
