package io.linkcast.model.nat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.linkcast.model.engine.Crew;
import io.linkcast.model.djl.InputArena;
import io.linkcast.state.nat.NatNodeState;
import io.linkcast.state.nat.NatSlots;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of one vectorised NAT step, assembled on the Java side from node records (nat-spec.md §2.2,
 * §3.2): one row per cache slot to refresh, one entry per queried node, one group per (key, pair) of the
 * joint neighbourhood, and the pairs to score.
 *
 * <p>Rows of a node: its N^(0) slot (always, key = the node), then its written N^(1) slots, then its written
 * N^(2) slots, each in slot order. Groups of a pair are ordered by key, like the original. Rows and groups
 * end with at least one inert entry (mask 0 / code 0) that absent members and absent groups point at, and
 * every count is padded to at least {@link #MIN_ROWS} so that small waves take the same BLAS kernels as
 * large ones. The self inputs of refreshes carry the (always zero) edge-feature block after the self. What a
 * stored slot gives its row (self input, time input, mask) is the model's {@link SlotSemantics}.
 */
final class NatBatch {
    /** Smallest row count of any matrix sent to the device. */
    static final int MIN_ROWS = 8;
    /** Nodes per chunk of a crew when the rows are filled. */
    private static final int NODE_CHUNK = 8;
    /** Member positions of a group: hops 0, 1, 2 of the first node, then of the second. */
    static final int MEMBERS = 6;

    /** One queried node: its record and the time it is read at. */
    record Node(NatNodeState state, double time) {
    }

    private final NatConfig config;
    private final SlotSemantics semantics;
    private final List<Node> nodes;
    private final int[] pairFirst;
    private final int[] pairSecond;

    // per node: first row, row of each N1 slot (or -1)
    private final int[] nodeFirstRow;
    private final int[][] n1Rows;

    private final int rows;
    private final int rowsPadded;
    private final float[] rowSelf;
    private final float[] rowTime;
    private final float[] rowZ;
    private final float[] rowMask;
    private final long[] rowKey;
    private final int[] rowHop;

    private final int nodesPadded;
    private final float[] nodeSelf;
    private final float[] nodePrevSelf;
    private final float[] nodePrevTime;

    private final int groupsPadded;
    private final long[] groupMembers;
    private final long[] groupCode;
    private final int pairsPadded;
    private final int maxGroups;
    private final long[] pairGroups;
    private final long[] pairNodes;

    private NatBatch(NatConfig config, SlotSemantics semantics, List<Node> nodes, int[] pairFirst, int[] pairSecond,
            Crew crew) {
        this.config = config;
        this.semantics = semantics;
        this.nodes = nodes;
        this.pairFirst = pairFirst;
        this.pairSecond = pairSecond;
        int ds = config.selfDim();
        int width = inputWidth(config);
        int dz = config.valueDim();

        nodeFirstRow = new int[nodes.size()];
        int count = 0;
        for (int q = 0; q < nodes.size(); q++) {
            NatNodeState s = nodes.get(q).state;
            nodeFirstRow[q] = count;
            count += 1 + s.n1().usedCount() + (config.m2() > 0 ? s.n2().usedCount() : 0);
        }
        rows = count;
        rowsPadded = Math.max(MIN_ROWS, rows + 1);
        rowSelf = new float[rowsPadded * width];
        rowTime = new float[rowsPadded];
        rowZ = new float[rowsPadded * dz];
        rowMask = new float[rowsPadded];
        rowKey = new long[rows];
        rowHop = new int[rows];
        n1Rows = new int[nodes.size()][];

        nodesPadded = Math.max(MIN_ROWS, nodes.size());
        nodeSelf = new float[nodesPadded * ds];
        nodePrevSelf = new float[nodesPadded * width];
        nodePrevTime = new float[nodesPadded];

        // each node fills its own rows (decoding its snapshots), so nodes may be filled by several threads
        int chunks = (nodes.size() + NODE_CHUNK - 1) / NODE_CHUNK;
        crew.forEach(chunks, c -> {
            for (int q = c * NODE_CHUNK; q < Math.min(nodes.size(), (c + 1) * NODE_CHUNK); q++) {
                fill(q);
            }
        });

        // joint neighbourhoods: per pair, rows of both nodes merged by key (keys ascending, like the original)
        int pairs = pairFirst.length;
        pairsPadded = Math.max(MIN_ROWS, pairs);
        maxGroups = maxGroupsPerPair(config);
        // each node's rows sorted by key once; a pair's groups are then a merge of its two nodes' lists
        int[][] byKey = new int[nodes.size()][];
        int[] groupStart = new int[pairs + 1];
        for (int p = 0; p < pairs; p++) {
            groupStart[p + 1] = groupStart[p] + merge(rowsByKey(byKey, pairFirst[p]), rowsByKey(byKey, pairSecond[p]),
                    -1);
        }
        int groups = groupStart[pairs];
        groupsPadded = Math.max(MIN_ROWS, groups + 1);
        groupMembers = new long[MEMBERS * groupsPadded];
        Arrays.fill(groupMembers, rowsPadded - 1);
        groupCode = new long[groupsPadded];
        for (int p = 0; p < pairs; p++) {
            merge(byKey[pairFirst[p]], byKey[pairSecond[p]], groupStart[p]);
        }
        pairGroups = new long[pairsPadded * maxGroups];
        Arrays.fill(pairGroups, groupsPadded - 1);
        pairNodes = new long[2 * pairsPadded];
        for (int p = 0; p < pairs; p++) {
            for (int g = groupStart[p]; g < groupStart[p + 1]; g++) {
                pairGroups[p * maxGroups + g - groupStart[p]] = g;
            }
            pairNodes[p] = pairFirst[p];
            pairNodes[pairsPadded + p] = pairSecond[p];
        }
    }

    /** Node q's rows (from {@link #nodeFirstRow}) and its entries of the node arrays. */
    private void fill(int q) {
        int ds = config.selfDim();
        int width = inputWidth(config);
        Node n = nodes.get(q);
        NatNodeState s = n.state;
        // N^(0) refreshes from the node's own (pre-event) self representation
        int r = nodeFirstRow[q];
        System.arraycopy(s.self(), 0, rowSelf, r * width, ds);
        r = addRow(r, s.node(), 0, s.n0(), 0, n.time);
        int[] n1 = new int[config.m1()];
        Arrays.fill(n1, -1);
        for (int i = 0; i < config.m1(); i++) {
            if (s.n1().isUsed(i)) {
                n1[i] = r;
                r = addNeighbourRow(r, 1, s.n1(), i, n.time);
            }
        }
        n1Rows[q] = n1;
        if (config.m2() > 0) {
            for (int i = 0; i < config.m2(); i++) {
                if (s.n2().isUsed(i)) {
                    r = addNeighbourRow(r, 2, s.n2(), i, n.time);
                }
            }
        }
        System.arraycopy(s.self(), 0, nodeSelf, q * ds, ds);
        var prev = s.previous();
        if (prev.present()) {
            semantics.counterpartSelf(prev, nodePrevSelf, q * width);
        }
        nodePrevTime[q] = semantics.timeInput(prev.present(), prev.time(), n.time);
    }

    /** One past the last row of node {@code q}. */
    private int endRow(int q) {
        return q + 1 < nodes.size() ? nodeFirstRow[q + 1] : rows;
    }

    /** Node q's rows ordered by key, rows of one key in row order (computed once per node). */
    private int[] rowsByKey(int[][] byKey, int q) {
        if (byKey[q] == null) {
            int from = nodeFirstRow[q];
            int[] order = new int[endRow(q) - from];
            // insertion sort: stable, and a node has at most 1 + m1 + m2 rows
            for (int i = 0; i < order.length; i++) {
                int row = from + i;
                int j = i;
                while (j > 0 && rowKey[order[j - 1]] > rowKey[row]) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = row;
            }
            byKey[q] = order;
        }
        return byKey[q];
    }

    /**
     * Walks the rows of a pair's two nodes in key order, one group per distinct key (ascending, like the
     * original); returns the number of groups. With {@code firstGroup} ≥ 0 it also fills the groups' members
     * and codes from that group on.
     */
    private int merge(int[] first, int[] second, int firstGroup) {
        int i = 0;
        int j = 0;
        int groups = 0;
        long last = 0;
        while (i < first.length || j < second.length) {
            boolean fromFirst = j == second.length || i < first.length && rowKey[first[i]] <= rowKey[second[j]];
            int row = fromFirst ? first[i++] : second[j++];
            if (groups == 0 || rowKey[row] != last) {
                groups++;
                last = rowKey[row];
            }
            if (firstGroup >= 0) {
                int g = firstGroup + groups - 1;
                int side = fromFirst ? 0 : 1;
                groupMembers[(side * 3 + rowHop[row]) * groupsPadded + g] = row;
                // the bits are distinct per (side, hop) and a key sits in one slot per hop: OR equals the
                // original's sum, and stays in [1, 63] even for a record that breaks that rule
                groupCode[g] |= (1L << rowHop[row]) << (3 * side);
            }
        }
        return groups;
    }

    /** A neighbour's slot: its self input is what the slot semantics say the neighbour's self is. */
    private int addNeighbourRow(int r, int hop, NatSlots slots, int slot, double now) {
        semantics.neighbourSelf(slots, slot, rowSelf, r * inputWidth(config));
        return addRow(r, slots.key(slot), hop, slots, slot, now);
    }

    /** Row r's key, hop, stored value, time input and mask (its self input is already in place). */
    private int addRow(int r, long key, int hop, NatSlots slots, int slot, double now) {
        int dz = config.valueDim();
        rowKey[r] = key;
        rowHop[r] = hop;
        System.arraycopy(slots.values(), slot * dz, rowZ, r * dz, dz);
        boolean written = slots.isUsed(slot);
        rowTime[r] = semantics.timeInput(written, slots.time(slot), now);
        rowMask[r] = semantics.valueCounts(written, slots.time(slot)) ? 1f : 0f;
        return r + 1;
    }

    /**
     * Width of the per-pair group table: every key distinct. A constant, because the length of a padded sum
     * changes how PyTorch splits it (and so its last bit) once it is long enough.
     */
    static int maxGroupsPerPair(NatConfig config) {
        return 2 * (1 + config.m1() + config.m2());
    }

    /** Width of the self input of a refresh: the self representation then the (zero) edge features. */
    static int inputWidth(NatConfig config) {
        return config.selfDim() + config.edgeFeatureDim();
    }

    /** Shapes of the inputs of a minimal batch (for allocating the block). */
    static Shape[] inputShapes(NatConfig config) {
        int n = MIN_ROWS;
        return new Shape[] {new Shape(n, inputWidth(config)), new Shape(n, 1), new Shape(n, config.valueDim()),
            new Shape(n, 1), new Shape(n, config.selfDim()), new Shape(n, inputWidth(config)), new Shape(n, 1),
            new Shape(MEMBERS, n), new Shape(n), new Shape(n, maxGroupsPerPair(config)), new Shape(2, n)};
    }

    /** The block's inputs, in the pooled memory of {@code inputs}. */
    NDList toNDList(InputArena.Scope inputs) {
        int ds = config.selfDim();
        int dz = config.valueDim();
        NDArray[] a = {
            inputs.floats(rowSelf, new Shape(rowsPadded, inputWidth(config))),
            inputs.floats(rowTime, new Shape(rowsPadded, 1)),
            inputs.floats(rowZ, new Shape(rowsPadded, dz)),
            inputs.floats(rowMask, new Shape(rowsPadded, 1)),
            inputs.floats(nodeSelf, new Shape(nodesPadded, ds)),
            inputs.floats(nodePrevSelf, new Shape(nodesPadded, inputWidth(config))),
            inputs.floats(nodePrevTime, new Shape(nodesPadded, 1)),
            inputs.longs(groupMembers, new Shape(MEMBERS, groupsPadded)),
            inputs.longs(groupCode, new Shape(groupsPadded)),
            inputs.longs(pairGroups, new Shape(pairsPadded, maxGroups)),
            inputs.longs(pairNodes, new Shape(2, pairsPadded)),
        };
        return new NDList(a);
    }

    int pairs() {
        return pairFirst.length;
    }

    // the arrays as laid out for the network (padded), read in place by the CPU backend (NatCpuForward)

    float[] rowSelf() {
        return rowSelf;
    }

    float[] rowTime() {
        return rowTime;
    }

    float[] rowZ() {
        return rowZ;
    }

    float[] rowMask() {
        return rowMask;
    }

    float[] nodeSelf() {
        return nodeSelf;
    }

    float[] nodePrevSelf() {
        return nodePrevSelf;
    }

    float[] nodePrevTime() {
        return nodePrevTime;
    }

    /** Row of member {@code k} (0..{@link #MEMBERS}) of group {@code g}; absent members point at the inert last row. */
    int member(int k, int g) {
        return (int) groupMembers[k * groupsPadded + g];
    }

    /** Distance-encoding code of group {@code g}: 0 for the inert padding group. */
    int groupCode(int g) {
        return (int) groupCode[g];
    }

    /** Group {@code i} (0..{@link #maxGroupsPerPair}) of pair {@code p}; absent entries are the inert group. */
    int pairGroup(int p, int i) {
        return (int) pairGroups[p * maxGroups + i];
    }

    int pairFirst(int p) {
        return pairFirst[p];
    }

    int pairSecond(int p) {
        return pairSecond[p];
    }

    int nodeCount() {
        return nodes.size();
    }

    Node node(int q) {
        return nodes.get(q);
    }

    int rows() {
        return rows;
    }

    /** Row of node {@code q}'s N^(0) slot. */
    int n0Row(int q) {
        return nodeFirstRow[q];
    }

    /** Row of node {@code q}'s N^(1) slot {@code slot}, or -1 when that slot is unwritten. */
    int n1Row(int q, int slot) {
        return n1Rows[q][slot];
    }

    /** Collects queried nodes (once per node and time) and pairs, then builds the batch. */
    static final class Builder {
        private final NatConfig config;
        private final SlotSemantics semantics;
        private final List<Node> nodes = new ArrayList<>();
        private final Map<NodeAtTime, Integer> index = new HashMap<>();
        private final List<int[]> pairs = new ArrayList<>();

        private record NodeAtTime(long node, double time) {
        }

        Builder(NatConfig config, SlotSemantics semantics) {
            this.config = config;
            this.semantics = semantics;
        }

        /** Index of {@code state} read at {@code time}; a node asked twice at one time is refreshed once. */
        int node(NatNodeState state, double time) {
            return index.computeIfAbsent(new NodeAtTime(state.node(), time), k -> {
                nodes.add(new Node(state, time));
                return nodes.size() - 1;
            });
        }

        /** Adds the pair (first, second) of node indexes; returns its index. */
        int pair(int first, int second) {
            pairs.add(new int[] {first, second});
            return pairs.size() - 1;
        }

        NatBatch build() {
            return build(Crew.ALONE);
        }

        /** The batch, its rows filled by {@code crew}. */
        NatBatch build(Crew crew) {
            int[] first = new int[pairs.size()];
            int[] second = new int[pairs.size()];
            for (int p = 0; p < pairs.size(); p++) {
                first[p] = pairs.get(p)[0];
                second[p] = pairs.get(p)[1];
            }
            return new NatBatch(config, semantics, List.copyOf(nodes), first, second, crew);
        }
    }
}
