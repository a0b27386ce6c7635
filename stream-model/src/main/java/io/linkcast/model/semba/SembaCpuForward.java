package io.linkcast.model.semba;

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

    /** Per-call buffers. */
    private final class Scratch {
        /** One GRU input: [own memory, partner memory, edge, φ(gap)]. */
        final float[] gruInput = new float[first.in()];
        final float[] gru = new float[first.scratchSize()];
        final float[] row = new float[skip.stride()];
        final float[] attended = new float[skip.stride()];
        final float[] pair = new float[decoder.in()];
        final float[] hidden = new float[decoderOutput == null ? 0 : decoder.stride()];
        final SembaCpuAttention.Scratch attention =
                SembaCpuForward.this.attention == null ? null : SembaCpuForward.this.attention.scratch();
    }

    Result forward(SembaInputs in) {
        Scratch s = new Scratch();
        float[] current = new float[in.rows * width];
        // embeddings of the pairs' rows only: source rows, then target rows
        float[] z = new float[2 * in.pairs * embedding];
        for (int side = 0; side < 2; side++) {
            for (int i = 0; i < in.pairs; i++) {
                int row = side * in.padded + i;
                embed(in, row, current, z, (side * in.pairs + i) * embedding, s);
            }
        }
        float[] logits = new float[in.padded * SembaParameters.DECODER_COLUMNS];
        for (int i = 0; i < in.pairs; i++) {
            decode(in, i, z, logits, s);
        }
        return new Result(current, logits);
    }

    /** The row's current memories into current, its embedding into z[zOff ..]. */
    private void embed(SembaInputs in, int row, float[] current, float[] z, int zOff, Scratch s) {
        int base = row * width;
        if (in.pending[row] == 0f) {
            // never seen: memories as stored, the cold-start embedding
            System.arraycopy(in.memory, base, current, base, width);
            System.arraycopy(cold, 0, z, zOff, embedding);
            return;
        }
        int own = 0;
        int partner = memoryDim;
        int edge = 2 * memoryDim;
        int time = edge + SembaNetwork.EDGE_FEATURES;
        System.arraycopy(in.pendingEdge, row * SembaNetwork.EDGE_FEATURES, s.gruInput, edge,
                SembaNetwork.EDGE_FEATURES);
        float gap = in.pendingGap[row];
        for (int t = 0; t < timeDim; t++) {
            s.gruInput[time + t] = Activations.cosEncoding(gap, frequency[t], phase[t]);
        }
        System.arraycopy(in.memory, base, s.gruInput, own, memoryDim);
        System.arraycopy(in.partner, base, s.gruInput, partner, memoryDim);
        first.step(s.gruInput, 0, in.memory, base, current, base, s.gru);
        if (second != null) {
            System.arraycopy(in.memory, base + memoryDim, s.gruInput, own, memoryDim);
            System.arraycopy(in.partner, base + memoryDim, s.gruInput, partner, memoryDim);
            second.step(s.gruInput, 0, in.memory, base + memoryDim, current, base + memoryDim, s.gru);
        }
        skip.apply(current, base, s.row, 0);
        if (attention != null) {
            attention.attend(in, row, current, s.attended, 0, s.attention);
            for (int k = 0; k < embedding; k++) {
                s.row[k] += s.attended[k];
            }
        }
        System.arraycopy(s.row, 0, z, zOff, embedding);
    }

    /** Pair i's logits: the decoder over [z_src, z_dst (, history features)]. */
    private void decode(SembaInputs in, int i, float[] z, float[] logits, Scratch s) {
        System.arraycopy(z, i * embedding, s.pair, 0, embedding);
        System.arraycopy(z, (in.pairs + i) * embedding, s.pair, embedding, embedding);
        if (in.pairFeatures > 0) {
            System.arraycopy(in.features, i * in.pairFeatures, s.pair, 2 * embedding, in.pairFeatures);
        }
        int at = i * SembaParameters.DECODER_COLUMNS;
        if (decoderOutput == null) {
            decoder.apply(s.pair, 0, logits, at);
            return;
        }
        decoder.apply(s.pair, 0, s.hidden, 0);
        for (int k = 0; k < s.hidden.length; k++) {
            s.hidden[k] = Math.max(0f, s.hidden[k]);
        }
        decoderOutput.apply(s.hidden, 0, logits, at);
    }
}
