package io.linkcast.model.kernel;

/**
 * PyTorch's GRUCell on the CPU: gates ordered r, z, n; r = σ(W_ir x + b_ir + W_hr h + b_hr), z likewise,
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h: the one cell of the CPU backend, as
 * {@code DjlGruCell} is of the DJL backend (the two agree to float rounding, not bit for bit).
 *
 * <p>{@link #steps} runs many rows at once so that the activations of all of them go through the vector lanes
 * together: NAT's slot cell has a hidden size of 4, too narrow to fill a vector on its own.
 */
public final class GruCell {
    private final DenseLayer input;
    private final DenseLayer hidden;
    private final int size;
    /**
     * Work arrays of each thread that steps this cell (gates, r and z, n), grown as needed: NAT refreshes ~150
     * slot rows per event through its cell, and fresh arrays for each call were a tenth of the stream's allocation.
     */
    private final ThreadLocal<float[][]> work = ThreadLocal.withInitial(() -> new float[3][0]);

    private GruCell(DenseLayer input, DenseLayer hidden, int size) {
        if (input.out() != 3 * size || hidden.out() != 3 * size || hidden.in() != size) {
            throw new IllegalArgumentException("GRU of hidden size " + size + " needs gate layers of " + 3 * size
                    + " outputs, got " + input.out() + "/" + hidden.out());
        }
        this.input = input;
        this.hidden = hidden;
        this.size = size;
    }

    /** From PyTorch's {@code weight_ih} [3H][in], {@code weight_hh} [3H][H] and their biases. */
    public static GruCell fromRows(float[] wih, float[] whh, float[] bih, float[] bhh, int size, int in) {
        return new GruCell(DenseLayer.fromRows(wih, bih, 3 * size, in), DenseLayer.fromRows(whh, bhh, 3 * size, size),
                size);
    }

    /** From {@code x·W} weights: input [in][3H], hidden [H][3H], and their biases. */
    public static GruCell fromColumns(float[] wih, float[] whh, float[] bih, float[] bhh, int size, int in) {
        return new GruCell(DenseLayer.fromColumns(wih, bih, in, 3 * size),
                DenseLayer.fromColumns(whh, bhh, size, 3 * size), size);
    }

    public int size() {
        return size;
    }

    public int in() {
        return input.in();
    }

    /**
     * out[outOff .. + H) = GRU(x[xOff ..], h[hOff ..]); {@code out} may be {@code h} at the same offset. The same
     * values as {@link #steps} gives that row.
     */
    public void step(float[] x, int xOff, float[] h, int hOff, float[] out, int outOff) {
        steps(1, x, xOff, 0, h, hOff, 0, out, outOff, 0);
    }

    /**
     * For each row i &lt; rows: out[outOff + i·outStride ..] = GRU(x[xOff + i·xStride ..], h[hOff + i·hStride ..]).
     * {@code out} may alias {@code h} row for row.
     */
    public void steps(int rows, float[] x, int xOff, int xStride, float[] h, int hOff, int hStride, float[] out,
            int outOff, int outStride) {
        int gi = input.stride();
        int gh = hidden.stride();
        int width = gi + gh;
        float[][] w = work.get();
        float[] gates = buffer(w, 0, rows * width);
        float[] rz = buffer(w, 1, rows * 2 * size);
        float[] n = buffer(w, 2, rows * size);
        input.applyRows(rows, x, xOff, xStride, gates, 0, width);
        hidden.applyRows(rows, h, hOff, hStride, gates, gi, width);
        for (int i = 0; i < rows; i++) {
            int g = i * width;
            for (int j = 0; j < 2 * size; j++) {
                rz[i * 2 * size + j] = gates[g + j] + gates[g + gi + j];
            }
        }
        Activations.sigmoid(rz, 0, rows * 2 * size);
        for (int i = 0; i < rows; i++) {
            int g = i * width;
            for (int j = 0; j < size; j++) {
                n[i * size + j] = gates[g + 2 * size + j] + rz[i * 2 * size + j] * gates[g + gi + 2 * size + j];
            }
        }
        Activations.tanh(n, 0, rows * size);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < size; j++) {
                float z = rz[i * 2 * size + size + j];
                float c = n[i * size + j];
                float prev = h[hOff + i * hStride + j];
                out[outOff + i * outStride + j] = (prev - c) * z + c;
            }
        }
    }

    /** w[k], replaced by a larger array when it holds fewer than {@code length} floats; contents are stale. */
    private static float[] buffer(float[][] w, int k, int length) {
        if (w[k].length < length) {
            w[k] = new float[Math.max(length, 2 * w[k].length)];
        }
        return w[k];
    }
}
