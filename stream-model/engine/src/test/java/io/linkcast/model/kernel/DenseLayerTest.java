package io.linkcast.model.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseLayerTest {

    private static float[] gaussian(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    @Test
    void shouldComputeXTimesWTransposedPlusBiasForEveryShape() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int[] shape : new int[][] {{1, 1}, {4, 82}, {12, 4}, {216, 72}, {316, 20}, {65, 33}}) {
            int out = shape[0];
            int in = shape[1];
            float[] w = gaussian(rnd, out * in);
            float[] b = gaussian(rnd, out);
            float[] x = gaussian(rnd, in + 3);
            DenseLayer rows = DenseLayer.fromRows(w, b, out, in);
            float[] transposed = new float[in * out];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    transposed[i * out + o] = w[o * in + i];
                }
            }
            DenseLayer columns = DenseLayer.fromColumns(transposed, b, in, out);
            assertThat(rows.stride()).isGreaterThanOrEqualTo(out).isEqualTo(columns.stride());
            float[] y = new float[rows.stride() + 5];
            float[] y2 = new float[rows.stride() + 5];
            rows.apply(x, 3 - 0, y, 5 - 5);
            columns.apply(x, 3, y2, 0);
            for (int o = 0; o < out; o++) {
                double expected = b[o];
                for (int i = 0; i < in; i++) {
                    expected += (double) w[o * in + i] * x[3 + i];
                }
                assertThat((double) y[o]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4 * (1 + in)));
                assertThat(y2[o]).isEqualTo(y[o]);
            }
            for (int o = out; o < rows.stride(); o++) {
                assertThat(y[o]).as("padding column %d", o).isZero();
            }
            // accumulate adds the product without the bias
            float[] acc = y.clone();
            rows.accumulate(x, 3, acc, 0);
            for (int o = 0; o < out; o++) {
                assertThat((double) acc[o]).isCloseTo(2.0 * y[o] - b[o],
                        org.assertj.core.data.Offset.offset(1e-4 * (1 + in)));
            }
        }
    }

    @Test
    void shouldGiveTheVectorAndScalarKernelsIdenticalResults() {
        SplittableRandom rnd = new SplittableRandom(5);
        int out = 216;
        int in = 82;
        DenseLayer layer = DenseLayer.fromRows(gaussian(rnd, out * in), gaussian(rnd, out), out, in);
        float[] x = gaussian(rnd, in);
        float[] vector = new float[layer.stride()];
        layer.apply(x, 0, vector, 0);
        float[] w = new float[in * layer.stride()];
        float[] scalar = new float[layer.stride()];
        // the same transposed weights through the scalar loops
        DenseLayer probe = DenseLayer.fromColumns(new float[in * out], null, in, out);
        assertThat(probe.stride()).isEqualTo(layer.stride());
        for (int i = 0; i < in; i++) {
            float[] unit = new float[in];
            unit[i] = 1f;
            float[] col = new float[layer.stride()];
            layer.accumulate(unit, 0, col, 0);
            System.arraycopy(col, 0, w, i * layer.stride(), layer.stride());
        }
        float[] bias = new float[layer.stride()];
        layer.accumulate(new float[in], 0, bias, 0);
        float[] withBias = new float[layer.stride()];
        layer.apply(new float[in], 0, withBias, 0);
        new Lanes.ScalarKernel().affine(w, withBias, in, layer.stride(), x, 0, scalar, 0);
        assertThat(scalar).containsExactly(vector);
    }

    @Test
    void shouldRefuseWeightsOfTheWrongSize() {
        assertThatThrownBy(() -> DenseLayer.fromRows(new float[10], null, 3, 4))
                .hasMessageContaining("10 floats for 3 x 4");
        assertThatThrownBy(() -> DenseLayer.fromRows(new float[12], new float[2], 3, 4))
                .hasMessageContaining("bias of 2 floats");
    }
}
