package io.linkcast.model.kernel;

/**
 * PyTorch's GRUCell on the CPU: gates ordered r, z, n; r = σ(W_ir x + b_ir + W_hr h + b_hr), z likewise,
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h. NAT's and SEMBA's DJL blocks write
 * σ differently (1/(1+e^−x) and (1+tanh(x/2))/2), which are the same function; this is the one cell of the CPU
 * backend.
 */
public final class GruCell {
    private final DenseLayer input;
    private final DenseLayer hidden;
    private final int size;

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

    /** Scratch floats one {@link #step} needs. */
    public int scratchSize() {
        return input.stride() + hidden.stride();
    }

    /**
     * out[outOff .. + H) = GRU(x[xOff ..], h[hOff ..]); {@code out} may be {@code h} at the same offset.
     *
     * @param scratch at least {@link #scratchSize()} floats, overwritten
     */
    public void step(float[] x, int xOff, float[] h, int hOff, float[] out, int outOff, float[] scratch) {
        input.apply(x, xOff, scratch, 0);
        hidden.apply(h, hOff, scratch, input.stride());
        gates(scratch, 0, h, hOff, out, outOff);
    }

    /**
     * {@link #step} for {@code rows} rows at once, row r's input at x[xOff + r · xStride], its hidden state at
     * h[hOff + r · hStride] and its result at out[outOff + r · outStride]: the same bits per row as
     * {@link #step}, faster (see {@link DenseLayer#applyRows}).
     *
     * @param scratch at least rows · {@link #scratchSize()} floats, overwritten
     */
    public void stepRows(float[] x, int xOff, int xStride, float[] h, int hOff, int hStride, float[] out, int outOff,
            int outStride, int rows, float[] scratch) {
        int each = scratchSize();
        input.applyRows(x, xOff, xStride, scratch, 0, each, rows);
        hidden.applyRows(h, hOff, hStride, scratch, input.stride(), each, rows);
        for (int r = 0; r < rows; r++) {
            gates(scratch, r * each, h, hOff + r * hStride, out, outOff + r * outStride);
        }
    }

    /** The gates from the input products at scratch[at ..] and the hidden ones after them. */
    private void gates(float[] scratch, int at, float[] h, int hOff, float[] out, int outOff) {
        int gh = at + input.stride();
        for (int j = 0; j < size; j++) {
            float r = Activations.sigmoid(scratch[at + j] + scratch[gh + j]);
            float z = Activations.sigmoid(scratch[at + size + j] + scratch[gh + size + j]);
            float n = Activations.tanh(scratch[at + 2 * size + j] + r * scratch[gh + 2 * size + j]);
            float prev = h[hOff + j];
            out[outOff + j] = (prev - n) * z + n;
        }
    }
}
