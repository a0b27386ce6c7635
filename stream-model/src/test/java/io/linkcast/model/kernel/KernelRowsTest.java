package io.linkcast.model.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The CPU kernels give a row the same bits whichever path computes it (batch invariance rests on that). */
class KernelRowsTest {
    private static float[] floats(SplittableRandom rnd, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (2 * rnd.nextDouble() - 1);
        }
        return out;
    }

    @Test
    void shouldComputeEachRowOfABlockAsAlone() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int[] shape : new int[][] {{163, 192}, {8, 163}, {128, 16}, {5, 40}}) {
            int in = shape[0];
            int out = shape[1];
            DenseLayer layer = DenseLayer.fromColumns(floats(rnd, in * out), floats(rnd, out), in, out);
            int rows = 11;
            int xStride = in + 3;
            int yStride = layer.stride() + 16;
            float[] x = floats(rnd, rows * xStride);
            float[] together = new float[rows * yStride];
            layer.applyRows(x, 0, xStride, together, 0, yStride, rows);
            for (int r = 0; r < rows; r++) {
                float[] alone = new float[layer.stride()];
                layer.apply(x, r * xStride, alone, 0);
                for (int o = 0; o < out; o++) {
                    assertThat(together[r * yStride + o]).as("row %d output %d", r, o).isEqualTo(alone[o]);
                }
            }
        }
    }

    @Test
    void shouldStepEachRowOfAGruBlockAsAlone() {
        SplittableRandom rnd = new SplittableRandom(2);
        int size = 16;
        int in = 37;
        GruCell cell = GruCell.fromColumns(floats(rnd, in * 3 * size), floats(rnd, size * 3 * size),
                floats(rnd, 3 * size), floats(rnd, 3 * size), size, in);
        int rows = 7;
        float[] x = floats(rnd, rows * in);
        float[] h = floats(rnd, rows * size);
        float[] together = new float[rows * 2 * size];
        cell.stepRows(x, 0, in, h, 0, size, together, size, 2 * size, rows, new float[rows * cell.scratchSize()]);
        for (int r = 0; r < rows; r++) {
            float[] alone = new float[size];
            cell.step(x, r * in, h, r * size, alone, 0, new float[cell.scratchSize()]);
            for (int j = 0; j < size; j++) {
                assertThat(together[r * 2 * size + size + j]).isEqualTo(alone[j]);
            }
        }
    }

    @Test
    void shouldGiveTheSameDotOnEveryPath() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] a = floats(rnd, 176 + 5);
        float[] b = floats(rnd, 176 + 9);
        double exact = 0;
        for (int i = 0; i < 176; i++) {
            exact += (double) a[5 + i] * b[9 + i];
        }
        float dot = Dot.dot(a, 5, b, 9, 176);
        assertThat(dot).isEqualTo(Dot.scalar(a, 5, b, 9, 176));
        assertThat((double) dot).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void shouldEncodeTimeAsMathCosToAnUlpWhateverTheLength() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int n : new int[] {32, 35, 3}) {
            float[] omega = new float[n];
            float[] phase = floats(rnd, n);
            for (int i = 0; i < n; i++) {
                omega[i] = (float) (0.06 * Math.pow(100.0, i / (double) n));
            }
            for (int k = 0; k < 2000; k++) {
                // gaps of ln(1 + Δt/τ) up to 10^9 s, and some past the polynomial's range
                float x = k % 500 == 0 ? 3e6f : (float) (rnd.nextDouble() * 21);
                float[] out = new float[n + 2];
                CosineEncoding.encode(x, omega, phase, n, out, 2);
                for (int i = 0; i < n; i++) {
                    float expected = Activations.cosEncoding(x, omega[i], phase[i]);
                    assertThat(Math.abs(out[2 + i] - expected)).as("x=%s i=%d", x, i)
                            .isLessThanOrEqualTo(Math.ulp(1f));
                }
                // the vector blocks and the scalar tail give the same bits for the same argument
                float[] shorter = new float[n];
                CosineEncoding.encode(x, omega, phase, Math.min(n, 3), shorter, 0);
                for (int i = 0; i < Math.min(n, 3); i++) {
                    assertThat(shorter[i]).isEqualTo(out[2 + i]);
                }
            }
        }
    }
}
