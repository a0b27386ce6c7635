package io.linkcast.model.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GruCellTest {

    private static float[] gaussian(SplittableRandom rnd, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * rnd.nextGaussian());
        }
        return v;
    }

    @Test
    void shouldComputePyTorchsGruCellForManyRowsAsForOne() {
        SplittableRandom rnd = new SplittableRandom(6);
        int h = 72;
        int in = 40;
        float[] wih = gaussian(rnd, 3 * h * in, 0.2);
        float[] whh = gaussian(rnd, 3 * h * h, 0.2);
        float[] bih = gaussian(rnd, 3 * h, 0.2);
        float[] bhh = gaussian(rnd, 3 * h, 0.2);
        GruCell cell = GruCell.fromRows(wih, whh, bih, bhh, h, in);
        int rows = 7;
        float[] x = gaussian(rnd, rows * in, 1);
        float[] state = gaussian(rnd, rows * h, 1);
        float[] out = new float[rows * h];
        cell.steps(rows, x, 0, in, state, 0, h, out, 0, h);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < h; j++) {
                double ar = bih[j] + bhh[j];
                double az = bih[h + j] + bhh[h + j];
                double ni = bih[2 * h + j];
                double nh = bhh[2 * h + j];
                for (int i = 0; i < in; i++) {
                    ar += wih[j * in + i] * x[r * in + i];
                    az += wih[(h + j) * in + i] * x[r * in + i];
                    ni += wih[(2 * h + j) * in + i] * x[r * in + i];
                }
                for (int i = 0; i < h; i++) {
                    ar += whh[j * h + i] * state[r * h + i];
                    az += whh[(h + j) * h + i] * state[r * h + i];
                    nh += whh[(2 * h + j) * h + i] * state[r * h + i];
                }
                double rg = 1 / (1 + Math.exp(-ar));
                double zg = 1 / (1 + Math.exp(-az));
                double n = Math.tanh(ni + rg * nh);
                double expected = (1 - zg) * n + zg * state[r * h + j];
                assertThat((double) out[r * h + j]).isCloseTo(expected, org.assertj.core.data.Offset.offset(2e-5));
            }
            // one row alone gives the same bits as that row among others (batch invariance)
            float[] single = new float[h];
            cell.step(x, r * in, state, r * h, single, 0);
            for (int j = 0; j < h; j++) {
                assertThat(single[j]).isEqualTo(out[r * h + j]);
            }
        }
        // in place: out may be the state itself
        float[] inPlace = state.clone();
        cell.steps(rows, x, 0, in, inPlace, 0, h, inPlace, 0, h);
        assertThat(inPlace).containsExactly(out);
    }
}
