package io.linkcast.model.kernel;

/**
 * The vector width the kernels pad to, and the kernel implementation: the Vector API where the JVM was started
 * with {@code --add-modules jdk.incubator.vector} (the launcher, the tests and the Docker image do), plain loops
 * otherwise, so that a jar started without the flag still runs, slower.
 */
final class Lanes {
    /** Floats per padded block: a 512-bit vector, also a whole number of 128- and 256-bit ones. */
    static final int WIDTH = 16;
    static final Kernel KERNEL = pick();
    static final Activations.Math MATH = vectorised() ? new VectorMath() : new Activations.ScalarMath();

    private Lanes() {
    }

    static int padded(int n) {
        return (n + WIDTH - 1) / WIDTH * WIDTH;
    }

    /** Whether the Vector API kernel runs (for /metrics and the bench's report). */
    static boolean vectorised() {
        return KERNEL instanceof VectorKernel;
    }

    private static Kernel pick() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()
                || Boolean.getBoolean("linkcast.kernel.scalar")) {
            return new ScalarKernel();
        }
        return new VectorKernel();
    }

    /** The inner loops of {@link DenseLayer}; weights are [in][stride]. */
    interface Kernel {
        void affine(float[] w, float[] b, int in, int stride, float[] x, int xOff, float[] y, int yOff);

        void accumulate(float[] w, int in, int stride, float[] x, int xOff, float[] y, int yOff);

        /**
         * Rows across the lanes, for layers too narrow to fill a vector with their outputs: xt holds input i of
         * row r at {@code i·ldx + r} (ldx a multiple of {@link #WIDTH}, rows up to it zero or ignored),
         * w is [out][in]; y gets row r's outputs at {@code yOff + r·yStride}. Each output is the same chain of
         * multiply-adds, in the same order, as {@link #affine} gives it.
         */
        void affineAcross(float[] w, float[] b, int in, int out, int rows, float[] xt, int ldx, float[] y, int yOff,
                int yStride);

        /** {@link #affine} for {@code rows} rows; each output gets the same operations as one row alone. */
        void affineRows(float[] w, float[] b, int in, int stride, int rows, float[] x, int xOff, int xStride,
                float[] y, int yOff, int yStride);
    }

    /** Row-wise axpy loops, which C2 may vectorise on its own. */
    static final class ScalarKernel implements Kernel {
        @Override
        public void affineAcross(float[] w, float[] b, int in, int out, int rows, float[] xt, int ldx, float[] y,
                int yOff, int yStride) {
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < out; o++) {
                    float acc = b[o];
                    for (int i = 0; i < in; i++) {
                        acc = Math.fma(w[o * in + i], xt[i * ldx + r], acc);
                    }
                    y[yOff + r * yStride + o] = acc;
                }
            }
        }

        @Override
        public void affineRows(float[] w, float[] b, int in, int stride, int rows, float[] x, int xOff, int xStride,
                float[] y, int yOff, int yStride) {
            for (int r = 0; r < rows; r++) {
                affine(w, b, in, stride, x, xOff + r * xStride, y, yOff + r * yStride);
            }
        }

        @Override
        public void affine(float[] w, float[] b, int in, int stride, float[] x, int xOff, float[] y, int yOff) {
            System.arraycopy(b, 0, y, yOff, stride);
            accumulate(w, in, stride, x, xOff, y, yOff);
        }

        @Override
        public void accumulate(float[] w, int in, int stride, float[] x, int xOff, float[] y, int yOff) {
            for (int i = 0; i < in; i++) {
                float xi = x[xOff + i];
                int row = i * stride;
                for (int o = 0; o < stride; o++) {
                    y[yOff + o] = Math.fma(w[row + o], xi, y[yOff + o]);
                }
            }
        }
    }
}
