package io.linkcast.model.semba;

import io.linkcast.state.semba.SembaNeighbour;
import io.linkcast.state.semba.SembaNodeState;
import java.util.Arrays;
import java.util.List;

/**
 * The flat arrays one network call reads, packed from node records on the Java side.
 *
 * <p>Rows: row {@code i} is the source of pair {@code i}, row {@code padded + i} its target. The pair count is
 * padded to at least {@link #MIN_PAIRS} with records of never-seen nodes, because the CPU matrix kernels give
 * rows bit-for-bit identical results only from four rows on: padding keeps a prediction independent of how many
 * other events share its wave (batch invariance, architecture contract 3). Neighbour lists are padded to the
 * configured capacity for the same reason.
 *
 * <p>Each row carries the node's memories, its pending message (the newest neighbour, routed by the balance
 * rule: the positive memory hears the partner's positive memory after a positive event and its negative memory
 * after a negative one, the negative memory the other half) and its neighbour list for the attention.
 */
final class SembaInputs {
    static final int MIN_PAIRS = 8;
    static final float PADDING = -1e9f;

    final int pairs;
    final int padded;
    final int rows;
    final int width;
    final int capacity;
    final int pairFeatures;
    /** rows × width: memories as stored (positive, then negative). */
    final float[] memory;
    /** rows: 1 where the node has a pending message (it has events), 0 for a never-seen node. */
    final float[] pending;
    /** rows: 1 - pending. */
    final float[] absent;
    /** rows × width: partner memory fed to the positive GRU, then the one fed to the negative GRU. */
    final float[] partner;
    /** rows × EDGE_FEATURES: raw features of the pending message. */
    final float[] pendingEdge;
    /** rows: ln(1 + gap / τ) between the pending message and the event before it. */
    final float[] pendingGap;
    /** rows × capacity × width. */
    final float[] neighbourSnapshots;
    /** rows × capacity × EDGE_FEATURES. */
    final float[] neighbourEdges;
    /** rows × capacity: ln(1 + (query time − neighbour time) / τ). */
    final float[] neighbourGaps;
    /** rows × capacity: 0 for a real neighbour, -1e9 for padding (added to the attention scores). */
    final float[] neighbourMaskBias;
    /** padded × pairFeatures. */
    final float[] features;

    private SembaInputs(SembaConfig c, int pairs) {

        this.pairs = pairs;
        this.padded = Math.max(pairs, MIN_PAIRS);
        this.rows = 2 * padded;
        this.width = c.memoryWidth();
        this.capacity = c.neighbours();
        this.pairFeatures = c.pairFeatures();
        memory = new float[rows * width];
        pending = new float[rows];
        absent = new float[rows];
        partner = new float[rows * width];
        pendingEdge = new float[rows * SembaNetwork.EDGE_FEATURES];
        pendingGap = new float[rows];
        neighbourSnapshots = new float[rows * capacity * width];
        neighbourEdges = new float[rows * capacity * SembaNetwork.EDGE_FEATURES];
        neighbourGaps = new float[rows * capacity];
        neighbourMaskBias = new float[rows * capacity];
        features = new float[padded * pairFeatures];
        // until a row is filled it is a never-seen node: no pending message, no neighbours
        Arrays.fill(absent, 1f);
        Arrays.fill(neighbourMaskBias, PADDING);
    }

    static SembaInputs of(SembaConfig c, List<SembaPair> pairs) {
        SembaInputs in = new SembaInputs(c, pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            SembaPair p = pairs.get(i);
            in.fillRow(c, i, p.src(), p.t());
            in.fillRow(c, in.padded + i, p.dst(), p.t());
            if (in.pairFeatures > 0) {
                SembaHistoryFeatures.write(p.srcNode(), p.src(), p.dstNode(), p.dst(), p.t(), c.weightScale(),
                        in.features, i * in.pairFeatures);
            }
        }
        return in;
    }

    private void fillRow(SembaConfig c, int row, SembaNodeState s, double t) {
        if (s.memoryWidth() != width) {
            throw new IllegalArgumentException("record has memories of " + s.memoryWidth()
                    + " floats, model " + c.variant() + " needs " + width);
        }
        int d = s.memoryDim();
        System.arraycopy(s.positiveMemory(), 0, memory, row * width, d);
        System.arraycopy(s.negativeMemory(), 0, memory, row * width + d, s.negativeMemory().length);
        List<SembaNeighbour> list = s.neighbours();
        if (list.isEmpty()) {
            return;
        }
        absent[row] = 0f;
        SembaNeighbour newest = list.get(list.size() - 1);
        pending[row] = 1f;
        int base = row * width;
        if (c.balance() && newest.sign() < 0) {
            // enemy: the positive memory hears the partner's negative side, the negative one its positive side
            newest.copySnapshot(d, partner, base, d);
            newest.copySnapshot(0, partner, base + d, d);
        } else {
            newest.copySnapshot(0, partner, base, width);
        }
        edge(c, newest, pendingEdge, row * SembaNetwork.EDGE_FEATURES);
        pendingGap[row] = Double.isNaN(s.memoryTime()) ? 0f : gap(c, newest.t() - s.memoryTime());
        // newest first, so the slot of an entry does not depend on how full the list is
        int slot = 0;
        for (int k = list.size() - 1; k >= 0 && slot < capacity; k--, slot++) {
            SembaNeighbour n = list.get(k);
            int cell = row * capacity + slot;
            n.copySnapshot(0, neighbourSnapshots, cell * width, width);
            edge(c, n, neighbourEdges, cell * SembaNetwork.EDGE_FEATURES);
            neighbourGaps[cell] = gap(c, t - n.t());
            neighbourMaskBias[cell] = 0f;
        }
    }

    /** Raw edge features: |weight| · scale (1 without a weight), sign, direction. */
    private static void edge(SembaConfig c, SembaNeighbour n, float[] out, int at) {
        out[at] = Float.isNaN(n.weight()) ? 1f : (float) (Math.abs(n.weight()) * c.weightScale());
        out[at + 1] = n.sign();
        out[at + 2] = n.direction();
    }

    /** ln(1 + max(0, Δt) / τ): late events (negative gaps) are clamped at 0 (architecture contract 8). */
    static float gap(SembaConfig c, double seconds) {
        return (float) Math.log1p(Math.max(0.0, seconds) / c.timeScaleSeconds());
    }
}
