package io.linkcast.model.semba;

import io.linkcast.model.engine.Crew;
import io.linkcast.model.kernel.Activations;
import io.linkcast.model.kernel.DenseLayer;
import io.linkcast.model.kernel.GruCell;

/**
 * {@link SembaNetwork#forward}'s result on the CPU backend ({@code model.backend=cpu}): the same current memories
 * and decoder logits from the same {@link SembaInputs}, computed row by row over flat arrays instead of as ~120
 * NDArray ops per wave, whose JNI cost dominated serving.
 *
 * <p>Only what the caller reads is computed: rows of never-seen nodes keep their stored memories and get the
 * cold-start embedding without running the GRUs (the DJL path multiplies those results by 0), the padding pairs
 * are skipped, and so are padded neighbour slots (see {@link SembaCpuAttention}). Results equal the DJL path's
 * to float rounding (the parity tests check 1e-5); each row is computed alone in a fixed order, so a result
 * never depends on the rest of its wave.
 *
 * <p>Laid out once per parameter version and immutable after; every call allocates its own buffers, so
 * concurrent calls (HTTP scoring beside the stream thread's steps) are safe.
 */
final class SembaCpuForward {
    /** Rows computed together: each weight block is loaded once per four rows, see {@link DenseLayer#applyRows}. */
    private static final int GROUP = 8;
    private final int width;
    private final int memoryDim;
    private final int timeDim;
    private final int embedding;
    private final float[] frequency;
    private final float[] phase;
    /** The positive memory's GRU, or the one memory's without the balance rule. */
    private final GruCell first;
    /** The negative memory's GRU; null without the balance rule. */
    private final GruCell second;
    private final DenseLayer skip;
    private final float[] cold;
    /** Null for the memory-only ablation. */
    private final SembaCpuAttention attention;
    /** The linear decoder, or the hidden layer of the ReLU decoder. */
    private final DenseLayer decoder;
    /** The ReLU decoder's output layer; null for the linear decoder. */
    private final DenseLayer decoderOutput;

    /** Current memories [rows][width] and logits [padded][DECODER_COLUMNS], as {@link SembaNetwork.Result}. */
    record Result(float[] current, float[] logits) {
    }

    SembaCpuForward(SembaConfig config, SembaParameters params) {
        width = config.memoryWidth();
        memoryDim = config.memoryDim();
        timeDim = config.timeDim();
        embedding = config.embeddingDim();
        frequency = params.values(SembaParameters.TIME_FREQUENCY);
        phase = params.values(SembaParameters.TIME_PHASE);
        int gruIn = SembaNetwork.gruInputs(config);
        first = gru(params, config.balance() ? "gru.positive." : "gru.memory.", gruIn);
        second = config.balance() ? gru(params, "gru.negative.", gruIn) : null;
        skip = DenseLayer.fromColumns(params.values("skip.weight"),
                params.values("skip.bias"), width, embedding);
        cold = params.values(SembaParameters.COLD);
        attention = config.attention() ? new SembaCpuAttention(config, params) : null;
        int decoderIn = 2 * embedding + config.pairFeatures();
        int columns = SembaParameters.DECODER_COLUMNS;
        if (config.decoderHidden() == 0) {
            decoder = DenseLayer.fromColumns(params.values("decoder.weight"),
                    params.values("decoder.bias"), decoderIn, columns);
            decoderOutput = null;
        } else {
            int hidden = config.decoderHidden();
            decoder = DenseLayer.fromColumns(params.values("decoder.hidden"),
                    params.values("decoder.hiddenBias"), decoderIn, hidden);
            decoderOutput = DenseLayer.fromColumns(params.values("decoder.output"),
                    params.values("decoder.outputBias"), hidden, columns);
        }
        if ((decoderOutput == null ? decoder : decoderOutput).stride() != columns) {
            throw new IllegalStateException("decoder rows of " + columns + " columns must fill whole vector blocks");
        }
    }

    private GruCell gru(SembaParameters params, String prefix, int gruIn) {
        return GruCell.fromColumns(params.values(prefix + "input"),
                params.values(prefix + "hidden"),
                params.values(prefix + "inputBias"),
                params.values(prefix + "hiddenBias"), memoryDim, gruIn);
    }

    /** Each thread's buffers for one group of rows (the stream thread's and a helper's). */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** Buffers for one group of rows. */
    private final class Scratch {
        final int[] rows = new int[GROUP];
        final int[] slots = new int[GROUP];
        /** The GRU inputs [GROUP][own memory, partner memory, edge, φ(gap)]. */
        final float[] gruInput = new float[GROUP * first.in()];
        /** The memory each GRU updates, [GROUP][memoryDim]. */
        final float[] hidden = new float[GROUP * memoryDim];
        final float[] current = new float[GROUP * width];
        final float[] embedded = new float[GROUP * skip.stride()];
        final float[] attended = new float[GROUP * skip.stride()];
        final SembaCpuAttention.Scratch attention =
                SembaCpuForward.this.attention == null ? null : SembaCpuForward.this.attention.scratch(GROUP);
    }

    Result forward(SembaInputs in) {
        return forward(in, Crew.ALONE);
    }

    /**
     * The forward with its groups of rows run by {@code crew}: the groups are the same whoever runs them, and each
     * writes only its own rows, so the result is the same bits.
     */
    Result forward(SembaInputs in, Crew crew) {
        float[] current = new float[in.rows * width];
        // embeddings of the pairs' rows only, [source rows, then target rows][embedding]
        float[] z = new float[2 * in.pairs * embedding];
        int[] rows = new int[2 * in.pairs];
        int[] slots = new int[2 * in.pairs];
        int n = 0;
        for (int slot = 0; slot < 2 * in.pairs; slot++) {
            int row = slot < in.pairs ? slot : in.padded + slot - in.pairs;
            if (in.pending[row] == 0f) {
                // never seen: memories as stored, the cold-start embedding
                System.arraycopy(in.memory, row * width, current, row * width, width);
                System.arraycopy(cold, 0, z, slot * embedding, embedding);
                continue;
            }
            rows[n] = row;
            slots[n++] = slot;
        }
        int pending = n;
        crew.forEach((pending + GROUP - 1) / GROUP, g -> {
            Scratch s = scratch.get();
            int from = g * GROUP;
            int size = Math.min(GROUP, pending - from);
            System.arraycopy(rows, from, s.rows, 0, size);
            System.arraycopy(slots, from, s.slots, 0, size);
            embed(in, size, current, z, s);
        });
        return new Result(current, decode(in, z));
    }

    /** Current memories and embeddings of the n rows of the group in s. */
    private void embed(SembaInputs in, int n, float[] current, float[] z, Scratch s) {
        int gruIn = first.in();
        int edge = 2 * memoryDim;
        int time = edge + SembaNetwork.EDGE_FEATURES;
        for (int r = 0; r < n; r++) {
            int row = s.rows[r];
            int at = r * gruIn;
            System.arraycopy(in.pendingEdge, row * SembaNetwork.EDGE_FEATURES, s.gruInput, at + edge,
                    SembaNetwork.EDGE_FEATURES);
            Activations.timeEncoding(in.pendingGap[row], frequency, phase, s.gruInput, at + time);
        }
        update(in, n, first, 0, s);
        if (second != null) {
            update(in, n, second, memoryDim, s);
        }
        for (int r = 0; r < n; r++) {
            System.arraycopy(s.current, r * width, current, s.rows[r] * width, width);
        }
        int e = skip.stride();
        skip.applyRows(n, s.current, 0, width, s.embedded, 0, e);
        if (attention != null) {
            attention.attend(in, s.rows, n, s.current, s.attended, 0, e, s.attention);
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < embedding; k++) {
                    s.embedded[r * e + k] += s.attended[r * e + k];
                }
            }
        }
        for (int r = 0; r < n; r++) {
            System.arraycopy(s.embedded, r * e, z, s.slots[r] * embedding, embedding);
        }
    }

    /** One memory's GRU (the half at {@code half} of each row) over the group, into s.current. */
    private void update(SembaInputs in, int n, GruCell cell, int half, Scratch s) {
        int gruIn = cell.in();
        for (int r = 0; r < n; r++) {
            int base = s.rows[r] * width + half;
            System.arraycopy(in.memory, base, s.gruInput, r * gruIn, memoryDim);
            System.arraycopy(in.partner, base, s.gruInput, r * gruIn + memoryDim, memoryDim);
            System.arraycopy(in.memory, base, s.hidden, r * memoryDim, memoryDim);
        }
        cell.steps(n, s.gruInput, 0, gruIn, s.hidden, 0, memoryDim, s.current, half, width);
    }

    /** The pairs' logits: the decoder over [z_src, z_dst (, history features)]. */
    private float[] decode(SembaInputs in, float[] z) {
        int columns = SembaParameters.DECODER_COLUMNS;
        float[] logits = new float[in.padded * columns];
        int width = decoder.in();
        float[] pairs = new float[in.pairs * width];
        for (int i = 0; i < in.pairs; i++) {
            System.arraycopy(z, i * embedding, pairs, i * width, embedding);
            System.arraycopy(z, (in.pairs + i) * embedding, pairs, i * width + embedding, embedding);
            if (in.pairFeatures > 0) {
                System.arraycopy(in.features, i * in.pairFeatures, pairs, i * width + 2 * embedding,
                        in.pairFeatures);
            }
        }
        if (decoderOutput == null) {
            decoder.applyRows(in.pairs, pairs, 0, width, logits, 0, columns);
            return logits;
        }
        int h = decoder.stride();
        float[] hidden = new float[in.pairs * h];
        decoder.applyRows(in.pairs, pairs, 0, width, hidden, 0, h);
        for (int k = 0; k < hidden.length; k++) {
            hidden[k] = Math.max(0f, hidden[k]);
        }
        decoderOutput.applyRows(in.pairs, hidden, 0, h, logits, 0, columns);
        return logits;
    }
}
