package io.linkcast.model.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The CPU kernels give a row the same bits whichever path computes it (batch invariance rests on that); the GRU's
 * rows are checked in {@link GruCellTest}.
 */
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
            layer.applyRows(rows, x, 0, xStride, together, 0, yStride);
            // the same rows given column-wise, rows as lanes
            int ldx = DenseLayer.paddedRows(rows);
            float[] xt = new float[in * ldx];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < in; i++) {
                    xt[i * ldx + r] = x[r * xStride + i];
                }
            }
            float[] across = new float[rows * yStride];
            layer.applyAcross(rows, xt, ldx, across, 0, yStride);
            for (int r = 0; r < rows; r++) {
                float[] alone = new float[layer.stride()];
                layer.apply(x, r * xStride, alone, 0);
                for (int o = 0; o < out; o++) {
                    assertThat(together[r * yStride + o]).as("row %d output %d", r, o).isEqualTo(alone[o]);
                    assertThat(across[r * yStride + o]).as("across: row %d output %d", r, o).isEqualTo(alone[o]);
                }
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
}
