package io.linkcast.model.semba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.linkcast.model.djl.DjlGruCell;
import io.linkcast.model.djl.InputArena;
import io.linkcast.model.djl.ParameterViews;

/**
 * The batched SEMBA computation over {@link SembaInputs}: current memories, embeddings and decoder logits.
 *
 * <p>Memory (semba-spec 2.2, balance rule): the stored memories lag one event behind; the pending message is
 * applied here, so training sees the GRUs inside its graph (one-step truncation, as the official code, spec
 * 2.4) while serving runs the very same function. For a node with a pending message
 * <pre>
 *   m+ = [P, partner+, edge, φ(gap)]    P' = GRU+(m+, P)      partner+ = partner's P after +, its N after −
 *   m− = [N, partner−, edge, φ(gap)]    N' = GRU−(m−, N)      partner− = partner's N after +, its P after −
 *   edge = [|w| · scale or 1, sign, direction (+1 source, −1 target)]
 * </pre>
 * The one-memory ablation runs one GRU on [M, partner M, edge, φ(gap)].
 *
 * <p>Time encoding: φ(Δ) = cos(ω · ln(1 + Δ / τ) + b), ω and b learned. The paper feeds raw seconds into the
 * cosine (spec 2.1), where a gap of 10^9 s makes every feature noise and float32 rounding alone is 64 s; the
 * logarithm keeps seconds, days and years apart with any time unit.
 *
 * <p>Embedding (spec 3, one TransformerConv layer over the node's recent neighbours instead of the whole edge
 * history): q = W_q x; k_j = W_k s_j + W_e a_j; v_j = W_v s_j + W_e a_j; α = softmax_j(q·k_j / √c) per head;
 * z = concat_h Σ_j α_j v_j + W_skip x, where x = [P', N'], s_j the neighbour's memory snapshot and
 * a_j = [φ(query time − t_j), edge_j]. A node without events gets the learned cold-start embedding.
 * Without attention, z = W_skip x.
 *
 * <p>Decoder: [z_src, z_dst (, history features)] → 6 logits (link, sign, +, −, none, signed weight), linear or
 * with one hidden ReLU layer. All six come from one matrix, padded to {@link SembaParameters#DECODER_COLUMNS}
 * columns: the CPU kernels compute narrow outputs with a summation order that depends on the row's position
 * and on the batch size.
 *
 * <p>Every result array is created in the caller's manager.
 */
final class SembaNetwork {
    /** Raw features of an interaction: |weight| · scale, sign, direction. */
    static final int EDGE_FEATURES = 3;
    static final int LINK = 0;
    static final int SIGN = 1;
    static final int CLASS_POSITIVE = 2;
    static final int CLASS_NEGATIVE = 3;
    static final int CLASS_NONE = 4;
    static final int WEIGHT = 5;
    /** Fewest output columns of a per-head matrix product (see {@link #perHead}). */
    static final int ALIGN = 16;

    private final SembaConfig config;
    private final SembaParameters params;
    private final InputArena inputs = new InputArena();

    SembaNetwork(SembaConfig config, SembaParameters params) {
        this.config = config;
        this.params = params;
    }

    /** Inputs of each GRU: own memory, partner memory, edge features, time encoding. */
    static int gruInputs(SembaConfig c) {
        return 2 * c.memoryDim() + EDGE_FEATURES + c.timeDim();
    }

    /** Current memories of every row and the logits of every (padded) pair. */
    record Result(NDArray current, NDArray logits) {
    }

    /** Input arrays are copied into pooled memory that stays {@code m}'s until it closes. */
    Result forward(NDManager m, SembaInputs in) {
        // constants as tensors of m: an op with a Java number argument wraps it in a temporary tensor over a
        // direct buffer that the autograd graph keeps using after the buffer may have been garbage-collected
        NDArray one = m.full(new Shape(1), 1f);
        InputArena.Scope t = inputs.open(m);
        int d = config.memoryDim();
        int w = in.width;
        int rows = in.rows;
        int k = in.capacity;
        NDArray memory = t.floats(in.memory, new Shape(rows, w));
        NDArray pending = t.floats(in.pending, new Shape(rows, 1));
        NDArray absent = t.floats(in.absent, new Shape(rows, 1));
        NDArray partner = t.floats(in.partner, new Shape(rows, w));
        NDArray edge = t.floats(in.pendingEdge, new Shape(rows, EDGE_FEATURES));
        NDArray phi = encodeTime(t.floats(in.pendingGap, new Shape(rows, 1)));

        NDArray current;
        if (config.balance()) {
            NDArray p = memory.get(new NDIndex(":, 0:{}", d));
            NDArray n = memory.get(new NDIndex(":, {}:", d));
            NDArray pp = partner.get(new NDIndex(":, 0:{}", d));
            NDArray pn = partner.get(new NDIndex(":, {}:", d));
            NDArray newP = gru(one, "gru.positive.", NDArrays.concat(new NDList(p, pp, edge, phi), 1), p);
            NDArray newN = gru(one, "gru.negative.", NDArrays.concat(new NDList(n, pn, edge, phi), 1), n);
            current = newP.concat(newN, 1);
        } else {
            current = gru(one, "gru.memory.", NDArrays.concat(new NDList(memory, partner, edge, phi), 1), memory);
        }
        // a never-seen node has no pending message: its memories stay as stored (zero)
        current = current.mul(pending).add(memory.mul(absent));

        NDArray z = current.matMul(params.get("skip.weight")).add(params.get("skip.bias"));
        if (config.attention()) {
            z = z.add(attend(m, t, in, current, rows, k, w));
        }
        z = z.mul(pending).add(absent.mul(params.get(SembaParameters.COLD)));

        int padded = in.padded;
        NDArray zs = z.get(new NDIndex("0:{}", padded));
        NDArray zd = z.get(new NDIndex("{}:", padded));
        NDArray x = zs.concat(zd, 1);
        if (in.pairFeatures > 0) {
            x = x.concat(t.floats(in.features, new Shape(padded, in.pairFeatures)), 1);
        }
        NDArray logits;
        if (config.decoderHidden() == 0) {
            logits = x.matMul(params.get("decoder.weight")).add(params.get("decoder.bias"));
        } else {
            NDArray h = Activation.relu(x.matMul(params.get("decoder.hidden")).add(params.get("decoder.hiddenBias")));
            logits = h.matMul(params.get("decoder.output")).add(params.get("decoder.outputBias"));
        }
        return new Result(current, logits);
    }

    /**
     * The attention of the class comment, computed without materialising k_j and v_j: per head h,
     * q_h·k_j = (W_k,hᵀ q_h)·s_j + (W_e,hᵀ q_h)·a_j + q_h·b_k,h and Σ_j α_j v_j = W_v,h (Σ_j α_j s_j) + b_v,h
     * + W_e,h (Σ_j α_j a_j) (the α of a row sum to 1). Equal to the direct form up to rounding, with about a
     * fifth of its multiplications: the neighbour snapshots meet one vector per head instead of three
     * matrices, which made the direct form the largest cost of serving. Products whose output is narrower than
     * {@link #ALIGN} columns get zero-padded weights (see {@link #perHead}).
     */
    NDArray attend(NDManager m, InputArena.Scope t, SembaInputs in, NDArray current, int rows, int k, int w) {
        int e = config.embeddingDim();
        int heads = config.heads();
        int c = config.headDim();
        NDArray snaps = t.floats(in.neighbourSnapshots, new Shape(rows, k, w));
        NDArray gaps = t.floats(in.neighbourGaps, new Shape(rows, k, 1));
        NDArray raw = t.floats(in.neighbourEdges, new Shape(rows, k, EDGE_FEATURES));
        NDArray maskBias = t.floats(in.neighbourMaskBias, new Shape(rows, k, 1));
        NDArray scale = m.full(new Shape(1), (float) (1.0 / Math.sqrt(c)));
        // each neighbour's snapshot and edge features side by side, [rows, k, width + edge], so that the scores and
        // the pooled values take one batched product each instead of two. Such a product is one small matrix per
        // row, and it costs by its count of matrices more than by their size
        NDArray features = snaps.concat(encodeTime(gaps).concat(raw, 2), 2);
        int f = (int) features.getShape().get(2);
        NDArray wKeyEdge = ParameterViews.onCall(params.get("attention.key").concat(params.get("attention.edge"), 0), m);
        NDArray wValueEdge = ParameterViews.onCall(params.get("attention.value").concat(params.get("attention.edge"), 0),
                m);

        // [heads, rows, c]
        NDArray q = current.matMul(params.get("attention.query")).add(params.get("attention.queryBias"))
                .reshape(rows, heads, c).transpose(1, 0, 2);
        // W_hᵀ q_h for the snapshot and edge features: [rows, width + edge, heads]
        NDArray qFeatures = q.matMul(wKeyEdge.reshape(f, heads, c).transpose(1, 2, 0)).transpose(1, 2, 0);
        // the key bias is left out: it adds q_h·b_k,h to every score of a row, which the softmax ignores
        NDArray scores = features.matMul(qFeatures).mul(scale).add(maskBias);
        // padding slots got -1e9, which exp() turns into an exact 0; [rows, heads, k]
        NDArray alpha = scores.softmax(1).transpose(0, 2, 1);
        // Σ_j α_j [s_j, a_j] per head, then each head's own projection: [heads, rows, c]
        NDArray pooled = alpha.matMul(features).transpose(1, 0, 2);
        NDArray out = pooled.matMul(perHead(m, wValueEdge, f, heads, c));
        return out.get(new NDIndex(":, :, 0:{}", c)).transpose(1, 0, 2).reshape(rows, e)
                .add(params.get("attention.valueBias"));
    }

    /**
     * The [in, heads·c] weight as one [in, c] block per head, [heads, in, max(c, ALIGN)], padded with zero
     * columns: with fewer output columns the CPU kernels give a row a result that depends on its position.
     */
    private static NDArray perHead(NDManager m, NDArray weight, int in, int heads, int c) {
        NDArray blocks = weight.reshape(in, heads, c).transpose(1, 0, 2);
        if (c >= ALIGN) {
            return blocks;
        }
        return blocks.concat(m.zeros(new Shape(heads, in, ALIGN - c)), 2);
    }

    /** φ(g) = cos(ω g + b) for log-scaled gaps g of shape [..., 1]. */
    NDArray encodeTime(NDArray gaps) {
        return gaps.mul(params.get(SembaParameters.TIME_FREQUENCY)).add(params.get(SembaParameters.TIME_PHASE)).cos();
    }

    /** The shared {@link DjlGruCell} over SEMBA's projections (weights laid out [in, 3·hidden]). */
    private NDArray gru(NDArray one, String prefix, NDArray input, NDArray hidden) {
        NDArray gi = input.matMul(params.get(prefix + "input")).add(params.get(prefix + "inputBias"));
        NDArray gh = hidden.matMul(params.get(prefix + "hidden")).add(params.get(prefix + "hiddenBias"));
        return DjlGruCell.step(gi, gh, hidden, (int) hidden.getShape().get(1), one);
    }
}
