package io.linkcast.model.nat;

import io.linkcast.model.engine.NodeRef;
import io.linkcast.state.nat.NatNodeState;
import io.linkcast.state.nat.NatSlots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What NAT's score of a pair is made of: the joint neighbourhood of the two records. Every key in either node's
 * 0-, 1- and 2-hop dictionaries is one group of the joint sum ({@link NatBatch}), encoded by the hops at which each
 * side holds it; the keys both sides hold are the shared neighbours, the signal NAT was built to see.
 */
final class NatExplanation {
    private NatExplanation() {
    }

    static Map<String, Object> of(NatNodeState src, NatNodeState dst) {
        TreeMap<Long, int[]> srcHops = hopsByKey(src);
        TreeMap<Long, int[]> dstHops = hopsByKey(dst);
        List<Map<String, Object>> shared = new ArrayList<>();
        for (Map.Entry<Long, int[]> e : srcHops.entrySet()) {
            int[] other = dstHops.get(e.getKey());
            if (other != null) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("node", new NodeRef(e.getKey()));
                entry.put("src_hops", hops(e.getValue()));
                entry.put("dst_hops", hops(other));
                shared.add(entry);
            }
        }
        // nearest first: the sum of each side's nearest hop, then the key (the groups' own order)
        shared.sort((a, b) -> Integer.compare(nearest(a), nearest(b)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shared_neighbours", shared);
        out.put("src_entries", srcHops.size());
        out.put("dst_entries", dstHops.size());
        out.put("joint_groups", srcHops.size() + dstHops.size() - shared.size());
        return out;
    }

    /** For each key the node holds, the hops (0, 1, 2) at which it holds it, as a bit mask in [0]. */
    private static TreeMap<Long, int[]> hopsByKey(NatNodeState s) {
        TreeMap<Long, int[]> out = new TreeMap<>();
        for (int hop = 0; hop <= 2; hop++) {
            NatSlots slots = s.hop(hop);
            for (int slot = 0; slot < slots.capacity(); slot++) {
                if (slots.isUsed(slot)) {
                    out.computeIfAbsent(slots.key(slot), k -> new int[1])[0] |= 1 << hop;
                }
            }
        }
        return out;
    }

    private static List<Integer> hops(int[] mask) {
        List<Integer> out = new ArrayList<>(3);
        for (int hop = 0; hop <= 2; hop++) {
            if ((mask[0] & (1 << hop)) != 0) {
                out.add(hop);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static int nearest(Map<String, Object> entry) {
        return ((List<Integer>) entry.get("src_hops")).get(0) + ((List<Integer>) entry.get("dst_hops")).get(0);
    }
}
