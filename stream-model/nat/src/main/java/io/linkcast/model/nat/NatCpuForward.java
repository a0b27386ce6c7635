package io.linkcast.model.nat;

import io.linkcast.model.engine.Crew;
import io.linkcast.model.kernel.Activations;
import io.linkcast.model.kernel.DenseLayer;
import io.linkcast.model.kernel.GruCell;

/**
 * {@link NatBlock}'s inference forward on the CPU backend ({@code model.backend=cpu}): the same refreshed slot
 * values Z', refreshed selves and pair logits from the same {@link NatBatch}, computed row by row over flat
 * arrays instead of as ~110 NDArray ops per wave.
 *
 * <p>Laid out once per model version, with two exact rewrites of the inference graph: the aggregator's head mean
 * is linear and feeds fc1 directly, so both fold into one [mlp × (d_z + d_p)] matrix applied to the pair's summed
 * joint row; and fc1's two self blocks are applied once per queried node rather than once per pair, so a source
 * shares them between its event and its negative. Results equal the DJL path's to float rounding (checked to
 * 1e-5 by the parity tests), and a row's result never depends on the rest of its wave.
 *
 * <p>Immutable after construction; every call allocates its own buffers or uses its thread's, so concurrent
 * calls are safe, and a call's loops may run on several threads ({@link Crew}).
 */
final class NatCpuForward {
    /**
     * Rows per column-wise block of the slot projection, and per chunk of a crew: a block of the inputs of that
     * many rows stays within L2.
     */
    private static final int CHUNK = 256;
    /** Nodes per chunk of the self refresh (a 72-wide GRU: ~30K multiply-adds per node). */
    private static final int NODE_CHUNK = 16;
    /** Pairs per chunk of the scoring loop. */
    private static final int PAIR_CHUNK = 16;
    private final NatConfig config;
    private final float[] omega;
    private final float[] phi;
    private final float[] positions;
    private final DenseLayer slotInput;
    private final GruCell slotGru;
    private final DenseLayer selfInput;
    private final GruCell selfGru;
    private final DenseLayer joint;
    private final DenseLayer firstSelf;
    private final DenseLayer secondSelf;
    private final float[] fc2;
    private final float fc2Bias;
    /**
     * Each thread's column-wise block of slot inputs, reused by its chunks: a fresh one per chunk was several
     * allocations per wave. Stale rows past a chunk's end are never read.
     */
    private final ThreadLocal<float[]> columns = ThreadLocal.withInitial(() -> new float[0]);

    /** The outputs in the DJL block's layouts: logits [pairs], Z' [rows][d_z], selves [nodes][d_s]. */
    record Output(float[] logits, float[] z, float[] selves) {
    }

    NatCpuForward(NatNetwork network) {
        config = network.config();
        int dz = config.valueDim();
        int ds = config.selfDim();
        int dn = config.pairDim();
        int in = config.refreshInputDim();
        int mlp = config.mlpInputDim();
        omega = network.parameterValues("time_encoder.basis_freq");
        phi = network.parameterValues("time_encoder.phase");
        positions = network.parameterValues("trainable_embedding.weight");
        slotInput = DenseLayer.fromRows(network.parameterValues("ngh_rep_linear.weight"), null, dz, in);
        slotGru = GruCell.fromRows(network.parameterValues("ngh_aggregator.gru.weight_ih"),
                network.parameterValues("ngh_aggregator.gru.weight_hh"),
                network.parameterValues("ngh_aggregator.gru.bias_ih"),
                network.parameterValues("ngh_aggregator.gru.bias_hh"), dz, dz);
        selfInput = DenseLayer.fromRows(network.parameterValues("self_rep_linear.weight"), null, ds, in);
        selfGru = GruCell.fromRows(network.parameterValues("self_aggregator.gru.weight_ih"),
                network.parameterValues("self_aggregator.gru.weight_hh"),
                network.parameterValues("self_aggregator.gru.bias_ih"),
                network.parameterValues("self_aggregator.gru.bias_hh"), ds, ds);

        // fold: hidden = fc1 · [mean_h(W_h · s) + b_agg, self_1, self_2] + b_1
        //              = (fc1_pair · mean_h W_h) · s + fc1_1 · self_1 + (fc1_2 · self_2 + fc1_pair · b_agg + b_1)
        float[] wAgg = network.parameterValues("gat.gat_net.0.linear_proj.weight");
        float[] bAgg = network.parameterValues("gat.gat_net.0.bias");
        float[] fc1 = network.parameterValues("out_layer.fc1.weight");
        float[] b1 = network.parameterValues("out_layer.fc1.bias");
        int rowWidth = config.jointRowDim();
        int js = dz + config.positionDim();
        int heads = config.heads();
        double[] mean = new double[dn * js];
        for (int o = 0; o < dn; o++) {
            for (int c = 0; c < js; c++) {
                double sum = 0;
                for (int h = 0; h < heads; h++) {
                    sum += wAgg[(h * dn + o) * rowWidth + dn + c];
                }
                mean[o * js + c] = sum / heads;
            }
        }
        float[] folded = new float[mlp * js];
        float[] bias = new float[mlp];
        float[] first = new float[mlp * ds];
        float[] second = new float[mlp * ds];
        for (int m = 0; m < mlp; m++) {
            double b = b1[m];
            for (int o = 0; o < dn; o++) {
                b += (double) fc1[m * mlp + o] * bAgg[o];
            }
            bias[m] = (float) b;
            for (int c = 0; c < js; c++) {
                double sum = 0;
                for (int o = 0; o < dn; o++) {
                    sum += fc1[m * mlp + o] * mean[o * js + c];
                }
                folded[m * js + c] = (float) sum;
            }
            System.arraycopy(fc1, m * mlp + dn, first, m * ds, ds);
            System.arraycopy(fc1, m * mlp + dn + ds, second, m * ds, ds);
        }
        joint = DenseLayer.fromRows(folded, null, mlp, js);
        firstSelf = DenseLayer.fromRows(first, bias, mlp, ds);
        secondSelf = DenseLayer.fromRows(second, null, mlp, ds);
        fc2 = network.parameterValues("out_layer.fc2.weight");
        fc2Bias = network.parameterValues("out_layer.fc2.bias")[0];
    }

    Output forward(NatBatch batch) {
        return forward(batch, Crew.ALONE);
    }

    /** The forward with its row, node and pair loops run by {@code crew}: the same bits whoever runs them. */
    Output forward(NatBatch batch, Crew crew) {
        int dz = config.valueDim();
        int ds = config.selfDim();
        int rows = batch.rows();
        int nodes = batch.nodeCount();

        // §2.2 refresh of every slot row, Z' = GRU(W·[self, TE(Δt)], Z) · mask, CHUNK rows at a time; and of the
        // queried nodes' selves from their previous events, NODE_CHUNK nodes at a time
        float[] z = new float[rows * dz];
        float[] selves = new float[nodes * ds];
        int rowChunks = (rows + CHUNK - 1) / CHUNK;
        crew.forEach(rowChunks + (nodes + NODE_CHUNK - 1) / NODE_CHUNK, c -> {
            if (c < rowChunks) {
                refreshRows(batch, c * CHUNK, Math.min(CHUNK, rows - c * CHUNK), z);
            } else {
                int from = (c - rowChunks) * NODE_CHUNK;
                refreshSelves(batch, from, Math.min(NODE_CHUNK, nodes - from), selves);
            }
        });

        // §3.2 per pair: Σ over its groups of [ΣZ' of the members, PosEmb[code]], then the folded MLP
        int pairs = batch.pairs();
        int[] firstAt = new int[nodes];
        int[] secondAt = new int[nodes];
        float[][] parts = new float[2][];
        crew.forEach(2, side -> parts[side] = selfBlocks(side == 0 ? firstSelf : secondSelf, selves, nodes, pairs,
                batch, side == 0, side == 0 ? firstAt : secondAt));
        float[] logits = new float[pairs];
        crew.forEach((pairs + PAIR_CHUNK - 1) / PAIR_CHUNK, c -> scorePairs(batch, z, parts[0], firstAt, parts[1],
                secondAt, c * PAIR_CHUNK, Math.min(pairs, (c + 1) * PAIR_CHUNK), logits));
        return new Output(logits, z, selves);
    }

    /** Z' of rows [from, from + n). */
    private void refreshRows(NatBatch batch, int from, int n, float[] z) {
        int dz = config.valueDim();
        float[] projected = new float[n * dz];
        slotProjections(batch.rowSelf(), batch.rowTime(), from, n, projected);
        slotGru.steps(n, projected, 0, dz, batch.rowZ(), from * dz, dz, z, from * dz, dz);
        float[] rowMask = batch.rowMask();
        for (int r = from; r < from + n; r++) {
            if (rowMask[r] == 0f) {
                java.util.Arrays.fill(z, r * dz, (r + 1) * dz, 0f);
            }
        }
    }

    /** The refreshed selves of nodes [from, from + n). */
    private void refreshSelves(NatBatch batch, int from, int n, float[] selves) {
        int ds = config.selfDim();
        float[] projected = refreshInputs(selfInput, batch.nodePrevSelf(), batch.nodePrevTime(), from, n);
        selfGru.steps(n, projected, 0, selfInput.stride(), batch.nodeSelf(), from * ds, ds, selves, from * ds, ds);
    }

    /** The logits of pairs [from, to). */
    private void scorePairs(NatBatch batch, float[] z, float[] firstPart, int[] firstAt, float[] secondPart,
            int[] secondAt, int from, int to, float[] logits) {
        int dz = config.valueDim();
        int rows = batch.rows();
        int stride = joint.stride();
        int js = dz + config.positionDim();
        int dp = config.positionDim();
        int groups = NatBatch.maxGroupsPerPair(config);
        float[] sum = new float[js];
        float[] hidden = new float[stride];
        for (int p = from; p < to; p++) {
            java.util.Arrays.fill(sum, 0f);
            for (int i = 0; i < groups; i++) {
                int g = batch.pairGroup(p, i);
                int code = batch.groupCode(g);
                if (code == 0) {
                    continue;
                }
                for (int k = 0; k < NatBatch.MEMBERS; k++) {
                    int row = batch.member(k, g);
                    if (row < rows) {
                        for (int c = 0; c < dz; c++) {
                            sum[c] += z[row * dz + c];
                        }
                    }
                }
                for (int c = 0; c < dp; c++) {
                    sum[dz + c] += positions[code * dp + c];
                }
            }
            int fa = firstAt[batch.pairFirst(p)];
            int fb = secondAt[batch.pairSecond(p)];
            for (int m = 0; m < stride; m++) {
                hidden[m] = firstPart[fa + m] + secondPart[fb + m];
            }
            joint.accumulate(sum, 0, hidden, 0);
            double logit = fc2Bias;
            for (int m = 0; m < fc2.length; m++) {
                logit += fc2[m] * Math.max(hidden[m], 0f);
            }
            logits[p] = (float) logit;
        }
    }

    /**
     * fc1's block for one side of the pairs, {@code layer · self}, once per node on that side (a source shares it
     * between its event and its negative), computed together; {@code at[q]} gets node q's offset in the result.
     */
    private static float[] selfBlocks(DenseLayer layer, float[] selves, int nodes, int pairs, NatBatch batch,
            boolean first, int[] at) {
        int ds = layer.in();
        int[] order = new int[nodes];
        java.util.Arrays.fill(at, -1);
        int count = 0;
        for (int p = 0; p < pairs; p++) {
            int q = first ? batch.pairFirst(p) : batch.pairSecond(p);
            if (at[q] < 0) {
                at[q] = count * layer.stride();
                order[count++] = q;
            }
        }
        float[] x = new float[count * ds];
        for (int i = 0; i < count; i++) {
            System.arraycopy(selves, order[i] * ds, x, i * ds, ds);
        }
        float[] out = new float[count * layer.stride()];
        layer.applyRows(count, x, 0, ds, out, 0, layer.stride());
        return out;
    }

    /**
     * The slot projection W·[self ++ edge features (zero), cos(Δt·ω + φ)] of every row, d_z floats each: the rows go
     * across the vector lanes (the projection has only d_z = 4 outputs), so the inputs are laid out column-wise,
     * {@link #CHUNK} rows at a time: one column-wise copy of all the rows of a large wave made the transposing
     * writes miss the cache (docs/results.md).
     */
    private void slotProjections(float[] selves, float[] times, int from, int count, float[] out) {
        int width = NatBatch.inputWidth(config);
        int dt = config.timeDim();
        int ld = DenseLayer.paddedRows(count);
        float[] xt = columns.get();
        if (xt.length < config.refreshInputDim() * ld) {
            xt = new float[config.refreshInputDim() * DenseLayer.paddedRows(CHUNK)];
            columns.set(xt);
        }
        // column by column: contiguous writes, strided reads (the other order stalled on scattered stores)
        for (int i = 0; i < width; i++) {
            int column = i * ld;
            for (int r = 0, at = from * width + i; r < count; r++, at += width) {
                xt[column + r] = selves[at];
            }
        }
        for (int k = 0; k < dt; k++) {
            int row = (width + k) * ld;
            for (int r = 0; r < count; r++) {
                float arg = times[from + r] * omega[k];
                xt[row + r] = arg + phi[k];
            }
            Activations.cos(xt, row, row + count);
        }
        slotInput.applyAcross(count, xt, ld, out, 0, config.valueDim());
    }

    /** layer · [self ++ edge features (zero), cos(Δt·ω + φ)] for each of {@code count} rows, one per stride. */
    private float[] refreshInputs(DenseLayer layer, float[] selves, float[] times, int from, int count) {
        int width = NatBatch.inputWidth(config);
        int dt = config.timeDim();
        int in = config.refreshInputDim();
        float[] encodings = new float[count * dt];
        for (int r = 0; r < count; r++) {
            for (int k = 0; k < dt; k++) {
                float arg = times[from + r] * omega[k];
                encodings[r * dt + k] = arg + phi[k];
            }
        }
        Activations.cos(encodings, 0, encodings.length);
        float[] x = new float[count * in];
        for (int r = 0; r < count; r++) {
            System.arraycopy(selves, (from + r) * width, x, r * in, width);
            System.arraycopy(encodings, r * dt, x, r * in + width, dt);
        }
        float[] out = new float[count * layer.stride()];
        layer.applyRows(count, x, 0, in, out, 0, layer.stride());
        return out;
    }
}
