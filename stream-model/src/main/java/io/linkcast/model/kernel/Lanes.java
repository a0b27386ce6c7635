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
         * {@link #affine} for {@code rows} rows, x's rows {@code xStride} floats apart and y's {@code yStride}:
         * the same operations per row as {@link #affine}, so the same bits, with each weight block loaded once for
         * several rows.
         */
        default void affineRows(float[] w, float[] b, int in, int stride, float[] x, int xOff, int xStride,
                float[] y, int yOff, int yStride, int rows) {
            for (int r = 0; r < rows; r++) {
                affine(w, b, in, stride, x, xOff + r * xStride, y, yOff + r * yStride);
            }
        }
    }

    /** Row-wise axpy loops, which C2 may vectorise on its own. */
    static final class ScalarKernel implements Kernel {
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
