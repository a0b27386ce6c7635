package io.linkcast.model.semba;

import static io.linkcast.state.compact.StatePrecision.COMPACT;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.linkcast.model.djl.InputArena;
import io.linkcast.state.semba.SembaHistory;
import io.linkcast.state.semba.SembaNeighbour;
import io.linkcast.state.semba.SembaNodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SembaNetworkTest {

    @Test
    void shouldComputeTheAttentionOfTheDirectFormula() {
        for (SembaConfig config : List.of(SembaConfig.defaults(SembaTask.SIGN),
                SembaConfig.defaults(SembaTask.SIGNLINK).withDimensions(8, 4, 8, 2, 5))) {
            try (SembaModel model = SembaModel.initialise(config, 5); NDManager m = model.manager().newSubManager()) {
                SplittableRandom rnd = new SplittableRandom(3);
                List<SembaPair> pairs = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    // neighbour lists from empty to full, so the padding mask is exercised too
                    pairs.add(new SembaPair(i, state(config, rnd, i % (config.neighbours() + 1)), 100 + i,
                            state(config, rnd, config.neighbours()), 2e6));
                }
                SembaInputs in = SembaInputs.of(config, pairs);
                int w = config.memoryWidth();
                NDArray current = m.randomUniform(-1, 1, new Shape(in.rows, w));
                SembaNetwork network = new SembaNetwork(config, model.parameters());
                float[] actual = network.attend(m, new InputArena().open(m), in, current, in.rows, in.capacity, w).toFloatArray();
                float[] expected = direct(m, network, model.parameters(), config, in, current).toFloatArray();
                assertThat(actual).hasSameSizeAs(expected);
                double largest = 0;
                double spread = 0;
                for (int i = 0; i < actual.length; i++) {
                    largest = Math.max(largest, Math.abs(actual[i] - expected[i]));
                    spread = Math.max(spread, Math.abs(expected[i]));
                }
                assertThat(largest).as(config.variant()).isLessThan(1e-5 * Math.max(1, spread));
                assertThat(spread).as("the attention output is not all zero").isGreaterThan(1e-3);
            }
        }
    }

    /** k_j and v_j materialised, as written in the paper. */
    private static NDArray direct(NDManager m, SembaNetwork network, SembaParameters params, SembaConfig config,
            SembaInputs in, NDArray current) {
        int rows = in.rows;
        int k = in.capacity;
        int w = in.width;
        int heads = config.heads();
        int c = config.headDim();
        NDArray snaps = m.create(in.neighbourSnapshots, new Shape(rows, k, w));
        NDArray gaps = m.create(in.neighbourGaps, new Shape(rows, k, 1));
        NDArray raw = m.create(in.neighbourEdges, new Shape(rows, k, SembaNetwork.EDGE_FEATURES));
        NDArray maskBias = m.create(in.neighbourMaskBias, new Shape(rows, k, 1));
        NDArray edge = network.encodeTime(gaps).concat(raw, 2).matMul(params.get("attention.edge"));
        NDArray q = current.matMul(params.get("attention.query")).add(params.get("attention.queryBias"))
                .reshape(rows, 1, heads, c);
        NDArray keys = snaps.matMul(params.get("attention.key")).add(params.get("attention.keyBias")).add(edge)
                .reshape(rows, k, heads, c);
        NDArray values = snaps.matMul(params.get("attention.value")).add(params.get("attention.valueBias"))
                .add(edge).reshape(rows, k, heads, c);
        NDArray scores = keys.mul(q).sum(new int[] {3}).mul(1.0 / Math.sqrt(c)).add(maskBias);
        NDArray alpha = scores.softmax(1).expandDims(3);
        return values.mul(alpha).sum(new int[] {1}).reshape(rows, config.embeddingDim());
    }

    private static SembaNodeState state(SembaConfig c, SplittableRandom rnd, int neighbours) {
        List<SembaNeighbour> list = new ArrayList<>();
        double t = 1e6;
        for (int k = 0; k < neighbours; k++) {
            t += rnd.nextInt(40_000);
            list.add(new SembaNeighbour(1_000 + rnd.nextInt(500), t, rnd.nextInt(4) == 0 ? -1 : 1,
                    rnd.nextBoolean() ? SembaNeighbour.OUT : SembaNeighbour.IN, 1 + rnd.nextInt(10),
                    floats(rnd, c.memoryWidth()), COMPACT));
        }
        return SembaNodeState.rounded(COMPACT, floats(rnd, c.memoryDim()), floats(rnd, c.memoryDim()),
                neighbours > 0 ? t - 1000 : Double.NaN, new SembaHistory(3, 2, 1, 1, 5, 4), list);
    }

    private static float[] floats(SplittableRandom rnd, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return out;
    }
}
