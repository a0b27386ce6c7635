package io.linkcast.model.nat;

import static io.linkcast.model.nat.NatTestSupport.event;
import static io.linkcast.model.nat.NatTestSupport.keysBySlot;
import static io.linkcast.model.nat.NatTestSupport.stateOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.compact.StatePrecision;
import io.linkcast.state.nat.NatNodeState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The N-cache rules on graphs small enough to work out by hand. M1 = M2 = 4 with the original hash at a = 7
 * ({@link OriginalSlotHash}), which for M = 4 is slot(w) = 3w mod 4: node 1 → slot 3, 2 → 2, 3 → 1, 4 → 0,
 * 5 → 3 (collides with 1). Everything else is served: {@link ServedSlotSemantics} with that hash, and the
 * default configuration.
 */
class NatCacheHandCheckedTest {
    private static NatNetwork network;

    @BeforeAll
    static void createNetwork() {
        network = NatNetwork.create(config(0.9), 11, Device.cpu());
    }

    @AfterAll
    static void closeNetwork() {
        network.close();
    }

    private static NatConfig config(double alpha) {
        return NatConfig.defaults().withSlots(4, 4).withDims(2, 6, 4, 3, 8, 0, 2).withAlpha(alpha);
    }

    /** A model that places neighbours by the hand-computable hash. */
    private static NatModel model(NatNetwork net, String version) {
        return new NatModel(net, version, new ServedSlotSemantics(new OriginalSlotHash(7)), InferenceBackend.DJL,
                StatePrecision.COMPACT);
    }

    private static MicroBatchEngine<NatNodeState> engine(NatConfig config, InMemoryNodeStateStore<NatNodeState> store) {
        NatNetwork net = config.equals(network.config()) ? network : null;
        if (net == null) {
            throw new IllegalArgumentException("tests share one network");
        }
        return new MicroBatchEngine<>(model(net, "test"), store);
    }

    @Test
    void shouldFillOneAndTwoHopCachesAsWorkedOutByHand() {
        InMemoryNodeStateStore<NatNodeState> store = new InMemoryNodeStateStore<>();
        MicroBatchEngine<NatNodeState> engine = engine(config(0.9), store);

        // e1 (1,2): no 2-hop candidates yet; 1 and 2 enter each other's N1
        engine.process(List.of(event(1, 1, 2, 10)));
        assertThat(keysBySlot(stateOf(store, 1).n1())).isEqualTo(Map.of(2, 2L));
        assertThat(keysBySlot(stateOf(store, 2).n1())).isEqualTo(Map.of(3, 1L));
        assertThat(keysBySlot(stateOf(store, 1).n2())).isEmpty();
        assertThat(keysBySlot(stateOf(store, 2).n2())).isEmpty();

        // e2 (2,3): 2's N1 {1} becomes 3's N2; 3's N1 is empty
        engine.process(List.of(event(2, 2, 3, 20)));
        assertThat(keysBySlot(stateOf(store, 2).n1())).isEqualTo(Map.of(1, 3L, 3, 1L));
        assertThat(keysBySlot(stateOf(store, 3).n1())).isEqualTo(Map.of(2, 2L));
        assertThat(keysBySlot(stateOf(store, 3).n2())).isEqualTo(Map.of(3, 1L));
        assertThat(keysBySlot(stateOf(store, 2).n2())).isEmpty();

        // e3 (3,1): 3's N1 {2} → 1's N2; 1's N1 {2} → 3's N2 (now {1, 2})
        engine.process(List.of(event(3, 3, 1, 30)));
        assertThat(keysBySlot(stateOf(store, 1).n1())).isEqualTo(Map.of(1, 3L, 2, 2L));
        assertThat(keysBySlot(stateOf(store, 3).n1())).isEqualTo(Map.of(2, 2L, 3, 1L));
        assertThat(keysBySlot(stateOf(store, 1).n2())).isEqualTo(Map.of(2, 2L));
        assertThat(keysBySlot(stateOf(store, 3).n2())).isEqualTo(Map.of(2, 2L, 3, 1L));

        // e4 (4,1): a node seen for the first time; 1's N1 {2, 3} → 4's N2
        engine.process(List.of(event(4, 4, 1, 40)));
        assertThat(keysBySlot(stateOf(store, 4).n1())).isEqualTo(Map.of(3, 1L));
        assertThat(keysBySlot(stateOf(store, 1).n1())).isEqualTo(Map.of(0, 4L, 1, 3L, 2, 2L));
        assertThat(keysBySlot(stateOf(store, 4).n2())).isEqualTo(Map.of(1, 3L, 2, 2L));
        assertThat(keysBySlot(stateOf(store, 1).n2())).isEqualTo(Map.of(2, 2L));

        // e5 (2,4): 2's N1 {1, 3} → 4's N2 (3 rewritten with 2's slot of 3); 4's N1 {1} → 2's N2
        engine.process(List.of(event(5, 2, 4, 50)));
        assertThat(keysBySlot(stateOf(store, 2).n1())).isEqualTo(Map.of(0, 4L, 1, 3L, 3, 1L));
        assertThat(keysBySlot(stateOf(store, 4).n1())).isEqualTo(Map.of(2, 2L, 3, 1L));
        assertThat(keysBySlot(stateOf(store, 4).n2())).isEqualTo(Map.of(1, 3L, 2, 2L, 3, 1L));
        assertThat(keysBySlot(stateOf(store, 2).n2())).isEqualTo(Map.of(3, 1L));
        // untouched nodes keep their caches
        assertThat(keysBySlot(stateOf(store, 3).n1())).isEqualTo(Map.of(2, 2L, 3, 1L));
        assertThat(keysBySlot(stateOf(store, 1).n2())).isEqualTo(Map.of(2, 2L));

        // a 2-hop slot carries the event of the 1-hop slot it was copied from
        NatNodeState four = stateOf(store, 4);
        assertThat(four.n2().seq(3)).isEqualTo(1); // key 1 from 2's N1, written by e1
        assertThat(four.n2().time(3)).isEqualTo(10);
        assertThat(four.n2().seq(1)).isEqualTo(2); // key 3 rewritten from 2's N1, written by e2
        assertThat(four.n2().seq(2)).isEqualTo(1); // key 2 from 1's N1 (e4), written by e1
        assertThat(four.n1().seq(2)).isEqualTo(5);
        assertThat(four.n0().seq(0)).isEqualTo(5);
        assertThat(four.previous().other()).isEqualTo(2);
        assertThat(four.previous().seq()).isEqualTo(5);
        // the 1-hop slot snapshots the partner's self representation after the event, in 8 bits with one
        // power-of-two scale (StatePrecision.COMPACT): within half a step of the partner's (half-precision) self
        float[] self = stateOf(store, 2).self();
        float max = 0;
        for (float x : self) {
            max = Math.max(max, Math.abs(x));
        }
        assertThat(four.n1().snapshotOf(2)).containsExactly(self, within(max / 127 + 1e-3f * max));
        assertThat(four.previous().otherSelf()).isEqualTo(four.n1().snapshotOf(2));
    }

    @Test
    void shouldNeverReplaceADifferentOccupantWithAlphaZero() {
        NatNetwork zero = NatNetwork.create(config(0.0), 11, Device.cpu());
        try (zero) {
            InMemoryNodeStateStore<NatNodeState> store = new InMemoryNodeStateStore<>();
            MicroBatchEngine<NatNodeState> engine = new MicroBatchEngine<>(model(zero, "a0"), store);
            engine.process(List.of(event(1, 2, 1, 10), event(2, 2, 5, 20), event(3, 3, 2, 30)));
            // 5 collides with 1 in slot 3 of node 2: kept out; the empty slot of 3 is still filled
            assertThat(keysBySlot(stateOf(store, 2).n1())).isEqualTo(Map.of(1, 3L, 3, 1L));
            assertThat(stateOf(store, 2).n1().seq(3)).isEqualTo(1);
            // 5 still records 2; 3's N2 gets 2's N1 as it was before e3, which holds 1 only
            assertThat(keysBySlot(stateOf(store, 5).n1())).isEqualTo(Map.of(2, 2L));
            assertThat(keysBySlot(stateOf(store, 3).n2())).isEqualTo(Map.of(3, 1L));
            // the same key is always rewritten, whatever alpha
            engine.process(List.of(event(4, 2, 1, 40)));
            assertThat(stateOf(store, 2).n1().seq(3)).isEqualTo(4);
        }
    }

    @Test
    void shouldAlwaysReplaceADifferentOccupantWithAlphaOne() {
        NatNetwork one = NatNetwork.create(config(1.0), 11, Device.cpu());
        try (one) {
            InMemoryNodeStateStore<NatNodeState> store = new InMemoryNodeStateStore<>();
            MicroBatchEngine<NatNodeState> engine = new MicroBatchEngine<>(model(one, "a1"), store);
            engine.process(List.of(event(1, 2, 1, 10), event(2, 2, 5, 20), event(3, 3, 2, 30)));
            assertThat(keysBySlot(stateOf(store, 2).n1())).isEqualTo(Map.of(1, 3L, 3, 5L));
            assertThat(stateOf(store, 2).n1().seq(3)).isEqualTo(2);
            // 2's N1 before e3 was {5}: 5 reaches 3's N2 in slot 3
            assertThat(keysBySlot(stateOf(store, 3).n2())).isEqualTo(Map.of(3, 5L));
            // and a new value starts from zero when the slot held another key
            assertThat(stateOf(store, 2).n1().valueOf(3)).containsOnly(0f);
        }
    }

    @Test
    void shouldTreatANodeSeenForTheFirstTimeAsItsOwnZeroHopRowOnly() {
        InMemoryNodeStateStore<NatNodeState> store = new InMemoryNodeStateStore<>();
        MicroBatchEngine<NatNodeState> engine = engine(config(0.9), store);
        engine.process(List.of(event(1, 1, 2, 10), event(2, 1, 3, 20)));
        // two never-seen nodes look the same to node 1: the same probability, bit for bit
        List<ModelOutput> p = engine.score(List.of(new Query(1, 100, 30), new Query(1, 200, 30)));
        assertThat(p.get(0).pLink()).isEqualTo(p.get(1).pLink());
        assertThat(p.get(0).pLink()).isBetween(0f, 1f);
        assertThat(p.get(0).pPositive()).isNaN();
        assertThat(p.get(0).weight()).isNaN();
        // a known neighbour is scored differently from a stranger
        assertThat(engine.score(List.of(new Query(1, 2, 30))).get(0).pLink()).isNotEqualTo(p.get(0).pLink());
        // scoring wrote nothing
        assertThat(store.getAll(new long[] {100, 200})).containsOnlyNulls();

        engine.process(List.of(event(3, 100, 1, 30)));
        NatNodeState fresh = stateOf(store, 100);
        assertThat(keysBySlot(fresh.n1())).isEqualTo(Map.of(3, 1L));
        assertThat(keysBySlot(fresh.n2())).isEqualTo(Map.of(1, 3L, 2, 2L));
        assertThat(fresh.n0().isUsed(0)).isTrue();
        assertThat(fresh.n0().key(0)).isEqualTo(100);
        assertThat(fresh.previous().present()).isTrue();
        assertThat(fresh.previous().other()).isEqualTo(1);
        // its new self representation is the learned constant of a node without history: any stranger gets it
        engine.process(List.of(event(4, 200, 2, 40)));
        assertThat(stateOf(store, 200).self()).isEqualTo(fresh.self());
        assertThat(fresh.self()).isNotEqualTo(new float[fresh.self().length]);
    }
}
