package io.linkcast.model.nat;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.nat.NatNodeState;
import io.linkcast.state.nat.NatSlots;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Small helpers shared by the NAT tests. */
final class NatTestSupport {

    private NatTestSupport() {
    }

    /** Event {@code seq} between raw ids (internal id = the number itself, so hashes are hand-computable). */
    static SequencedEvent event(long seq, long u, long v, double t) {
        return new SequencedEvent(seq, new Interaction(Long.toString(u), Long.toString(v), u, v, t, 0, Double.NaN, null));
    }

    /** Slot → key of the written slots of a hop, in slot order. */
    static TreeMap<Integer, Long> keysBySlot(NatSlots slots) {
        TreeMap<Integer, Long> m = new TreeMap<>();
        for (int i = 0; i < slots.capacity(); i++) {
            if (slots.isUsed(i)) {
                m.put(i, slots.key(i));
            }
        }
        return m;
    }

    static NatNodeState stateOf(InMemoryNodeStateStore<NatNodeState> store, long id) {
        return store.getAll(new long[] {id}).get(0);
    }

    /**
     * A seeded stream over {@code nodes} nodes with a hub (node 1 in about a third of the events), repeated
     * pairs, both directions, a self-loop and ties in time.
     */
    static List<SequencedEvent> syntheticStream(long seed, int events, int nodes) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<SequencedEvent> out = new ArrayList<>(events);
        double t = 1_000_000;
        long prevU = 1;
        long prevV = 2;
        for (int k = 0; k < events; k++) {
            long u;
            long v;
            double r = rnd.nextDouble();
            if (r < 0.3) {
                u = 1;
                v = 2 + rnd.nextInt(nodes - 1);
            } else if (r < 0.4) {
                u = prevV;
                v = prevU;
            } else {
                u = 1 + rnd.nextInt(nodes);
                v = 1 + rnd.nextInt(nodes);
            }
            if (k == events / 2) {
                v = u;
            }
            if (rnd.nextDouble() < 0.8) {
                t += rnd.nextInt(5000);
            }
            out.add(event(k, u, v, t));
            prevU = u;
            prevV = v;
        }
        return out;
    }
}
