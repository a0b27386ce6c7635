package io.linkcast.model.semba;

import io.linkcast.model.engine.NodeRef;
import io.linkcast.state.semba.SembaNeighbour;
import io.linkcast.state.semba.SembaNodeState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What SEMBA's sign for a pair rests on, from the two records: each endpoint's recent signed neighbours (the partners
 * whose snapshots fed its positive and negative memories) and the balance configuration of the neighbours they share.
 * Balance theory reads a shared neighbour w as a path src–w–dst whose sign is the product of its two edges' signs:
 * the friend of a friend is a friend, the enemy of a friend an enemy, the enemy of an enemy a friend.
 */
final class SembaExplanation {
    /** Recent neighbours listed per endpoint, newest first. */
    static final int RECENT = 10;

    private SembaExplanation() {
    }

    static Map<String, Object> of(long srcNode, SembaNodeState src, long dstNode, SembaNodeState dst) {
        Map<Long, SembaNeighbour> srcLatest = latest(src);
        Map<Long, SembaNeighbour> dstLatest = latest(dst);
        List<Map<String, Object>> balance = new ArrayList<>();
        int positive = 0;
        int negative = 0;
        for (Map.Entry<Long, SembaNeighbour> e : srcLatest.entrySet()) {
            SembaNeighbour other = dstLatest.get(e.getKey());
            if (other == null || e.getKey() == srcNode || e.getKey() == dstNode) {
                continue;
            }
            int implied = e.getValue().sign() * other.sign();
            Map<String, Object> path = new LinkedHashMap<>();
            path.put("via", new NodeRef(e.getKey()));
            path.put("src_sign", e.getValue().sign());
            path.put("dst_sign", other.sign());
            path.put("implied_sign", implied);
            balance.add(path);
            if (implied > 0) {
                positive++;
            } else {
                negative++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        SembaNeighbour direct = srcLatest.get(dstNode);
        out.put("previous_sign", direct == null ? null : direct.sign());
        out.put("balance", balance);
        out.put("balance_implies", Map.of("positive", positive, "negative", negative));
        out.put("src_neighbours", recent(src));
        out.put("dst_neighbours", recent(dst));
        return out;
    }

    /** Each neighbour's most recent entry, in the order of its last appearance. */
    private static Map<Long, SembaNeighbour> latest(SembaNodeState s) {
        Map<Long, SembaNeighbour> out = new LinkedHashMap<>();
        for (SembaNeighbour n : s.neighbours()) {
            out.remove(n.node());
            out.put(n.node(), n);
        }
        return out;
    }

    private static List<Map<String, Object>> recent(SembaNodeState s) {
        List<SembaNeighbour> list = s.neighbours();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int k = list.size() - 1; k >= 0 && out.size() < RECENT; k--) {
            SembaNeighbour n = list.get(k);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("node", new NodeRef(n.node()));
            entry.put("sign", n.sign());
            entry.put("direction", n.direction() == SembaNeighbour.OUT ? "out" : "in");
            entry.put("t", n.t());
            out.add(entry);
        }
        return out;
    }
}
