package io.linkcast.model.semba;

import io.linkcast.model.kernel.Activations;
import io.linkcast.model.kernel.DenseLayer;
import io.linkcast.model.kernel.Dot;
import io.linkcast.model.kernel.RowCombination;

/**
 * {@link SembaNetwork#attend} for one row on the CPU backend, with the same algebra: per head h the scores are
 * s_j·(W_k,hᵀ q_h) over the neighbour features [snapshot, φ(gap), edge], and the output is W_v,h applied to the
 * pooled features Σ_j α_j [s_j, a_j], plus the value bias. The key bias is left out as there (a row-constant
 * shift of the scores).
 *
 * <p>Padded neighbour slots are skipped instead of masked: their score gets -1e9, whose exponential is exactly
 * 0 beside any real neighbour, so leaving them out changes no bit of the softmax inputs. The softmax runs per row
 * and head over the row's own neighbours in slot order, so a row's result never depends on its wave.
 *
 * <p>Immutable; a call's buffers come from its {@link Scratch}.
 */
final class SembaCpuAttention {
    private final int width;
    private final int timeDim;
    private final int embedding;
    private final int heads;
    private final int headDim;
    private final int capacity;
    /** Floats of one neighbour's feature row [snapshot, φ, edge], padded to whole vector blocks. */
    private final int featureStride;
    private final float scale;
    private final float[] frequency;
    private final float[] phase;
    private final DenseLayer query;
    /** Per head: q_h ↦ W_hᵀ q_h over the snapshot and edge features, [headDim][features]. */
    private final DenseLayer[] keys;
    /** Per head: pooled features ↦ the head's output, [features][headDim]. */
    private final DenseLayer[] values;
    private final float[] valueBias;

    SembaCpuAttention(SembaConfig c, SembaParameters params) {
        width = c.memoryWidth();
        timeDim = c.timeDim();
        embedding = c.embeddingDim();
        heads = c.heads();
        headDim = c.headDim();
        capacity = c.neighbours();
        // the same float as the DJL path's scale tensor
        scale = (float) (1.0 / Math.sqrt(headDim));
        frequency = params.values(SembaParameters.TIME_FREQUENCY);
        phase = params.values(SembaParameters.TIME_PHASE);
        query = DenseLayer.fromColumns(params.values("attention.query"), params.values("attention.queryBias"),
                width, embedding);
        int features = width + timeDim + SembaNetwork.EDGE_FEATURES;
        float[] key = stack(params.values("attention.key"), params.values("attention.edge"));
        float[] value = stack(params.values("attention.value"), params.values("attention.edge"));
        keys = new DenseLayer[heads];
        values = new DenseLayer[heads];
        for (int h = 0; h < heads; h++) {
            keys[h] = DenseLayer.fromColumns(transposedBlock(key, features, h), null, headDim, features);
            values[h] = DenseLayer.fromColumns(block(value, features, h), null, features, headDim);
        }
        featureStride = keys[0].stride();
        valueBias = params.values("attention.valueBias");
    }

    /** [W; E]: the snapshot rows, then the edge rows (both [·][embedding]). */
    private static float[] stack(float[] top, float[] bottom) {
        float[] out = new float[top.length + bottom.length];
        System.arraycopy(top, 0, out, 0, top.length);
        System.arraycopy(bottom, 0, out, top.length, bottom.length);
        return out;
    }

    /** Head h's columns of w [features][embedding], as [features][headDim]. */
    private float[] block(float[] w, int features, int h) {
        float[] out = new float[features * headDim];
        for (int i = 0; i < features; i++) {
            System.arraycopy(w, i * embedding + h * headDim, out, i * headDim, headDim);
        }
        return out;
    }

    /** Head h's columns of w [features][embedding], transposed to [headDim][features]. */
    private float[] transposedBlock(float[] w, int features, int h) {
        float[] out = new float[headDim * features];
        for (int i = 0; i < features; i++) {
            for (int k = 0; k < headDim; k++) {
                out[k * features + i] = w[i * embedding + h * headDim + k];
            }
        }
        return out;
    }

    /** Per-call buffers for up to {@code rows} rows at a time. */
    final class Scratch {
        final int rows;
        final float[] q;
        /** Per row and head: W_hᵀ q_h, [rows][heads][featureStride]. */
        final float[] projected;
        /** One row's real neighbours' feature rows, packed; the padding columns stay zero. */
        final float[] features = new float[capacity * featureStride];
        final float[] alpha = new float[capacity];
        /** Per row and head: Σ_j α_j [s_j, a_j], [rows][heads][featureStride]. */
        final float[] pooled;
        final float[] head;

        Scratch(int rows) {
            this.rows = rows;
            q = new float[rows * query.stride()];
            projected = new float[rows * heads * featureStride];
            pooled = new float[rows * heads * featureStride];
            head = new float[rows * values[0].stride()];
        }
    }

    Scratch scratch(int rows) {
        return new Scratch(rows);
    }

    /**
     * out[outOff + r · outStride ..+ embedding) = the attention of row[r] for r < n (n ≤ the scratch's rows),
     * whose current memories are at current[r · width]; each row must have a pending message (and so at least
     * one neighbour).
     */
    void attend(SembaInputs in, int[] row, int n, float[] current, float[] out, int outOff, int outStride,
            Scratch s) {
        int q = query.stride();
        int perRow = heads * featureStride;
        query.applyRows(n, current, 0, width, s.q, 0, q);
        for (int h = 0; h < heads; h++) {
            keys[h].applyRows(n, s.q, h * headDim, q, s.projected, h * featureStride, perRow);
        }
        for (int r = 0; r < n; r++) {
            int count = gather(in, row[r], s.features);
            for (int h = 0; h < heads; h++) {
                int at = r * perRow + h * featureStride;
                softmax(s, s.projected, at, count);
                RowCombination.sum(s.features, count, featureStride, s.alpha, 0, s.pooled, at);
            }
        }
        int hs = values[0].stride();
        for (int h = 0; h < heads; h++) {
            values[h].applyRows(n, s.pooled, h * featureStride, perRow, s.head, 0, hs);
            for (int r = 0; r < n; r++) {
                int at = outOff + r * outStride + h * headDim;
                for (int k = 0; k < headDim; k++) {
                    out[at + k] = s.head[r * hs + k] + valueBias[h * headDim + k];
                }
            }
        }
    }

    /** Packs the feature rows of the row's real neighbours, in slot order; returns their count. */
    private int gather(SembaInputs in, int row, float[] features) {
        int count = 0;
        for (int slot = 0; slot < capacity; slot++) {
            int cell = row * capacity + slot;
            if (in.neighbourMaskBias[cell] != 0f) {
                continue;
            }
            int at = count * featureStride;
            System.arraycopy(in.neighbourSnapshots, cell * width, features, at, width);
            Activations.timeEncoding(in.neighbourGaps[cell], frequency, phase, features, at + width);
            System.arraycopy(in.neighbourEdges, cell * SembaNetwork.EDGE_FEATURES, features, at + width + timeDim,
                    SembaNetwork.EDGE_FEATURES);
            count++;
        }
        return count;
    }

    /** α over the packed neighbours for the projected query at projected[at ..], into s.alpha. */
    private void softmax(Scratch s, float[] projected, int at, int count) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            float score = Dot.dot(s.features, j * featureStride, projected, at, featureStride) * scale;
            s.alpha[j] = score;
            max = Math.max(max, score);
        }
        double sum = 0;
        for (int j = 0; j < count; j++) {
            double e = Math.exp(s.alpha[j] - max);
            s.alpha[j] = (float) e;
            sum += e;
        }
        float inverse = (float) (1.0 / sum);
        for (int j = 0; j < count; j++) {
            s.alpha[j] *= inverse;
        }
    }
}
