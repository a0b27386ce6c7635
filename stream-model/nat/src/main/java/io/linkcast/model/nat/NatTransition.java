package io.linkcast.model.nat;

import io.linkcast.state.compact.StatePrecision;
import io.linkcast.state.nat.NatNodeState;
import io.linkcast.state.nat.NatSlots;
import io.linkcast.state.nat.PreviousEvent;
import java.util.Objects;

/**
 * NAT's state transition for one event (u, v) (nat-spec.md §2.3 steps 5–7), given the values refreshed from
 * the states before the event: self representations, previous-event records, then for each direction
 * (x, y) ∈ {(u, v), (v, u)}: x's written 1-hop slots into y's N^(2), y into x's N^(1), x into its own N^(0).
 *
 * <p>Replacement (§1.4): a candidate is written when its slot is empty or holds the same key, and replaces
 * a different key when the {@link ReplacementCoin} says so. Decisions are taken against the node's content
 * before the event, as in the original's single scatter; when several candidates of one event aim at the
 * same 2-hop slot, the last admitted one in slot order wins (the original's CPU scatter order).
 * Pure Java and deterministic: the same inputs give the same states. The new records are made here, so their
 * vectors are rounded here, to the model's {@link StatePrecision}.
 */
final class NatTransition {
    private final NatConfig config;
    private final SlotHash hash;
    private final StatePrecision precision;
    private final ReplacementCoin coin;

    NatTransition(NatConfig config, SlotHash hash, StatePrecision precision) {
        this.config = Objects.requireNonNull(config, "config");
        this.hash = Objects.requireNonNull(hash, "hash");
        this.precision = Objects.requireNonNull(precision, "precision");
        this.coin = new ReplacementCoin(config.coinSeed(), config.alpha());
    }

    /** A node's refreshed values: N^(0)'s Z', each N^(1) slot's Z' (null where unwritten), its new self. */
    record Refreshed(float[] n0, float[][] n1, float[] self) {
    }

    /** The two endpoints' new states; the same object twice for a self-loop. */
    record Result(NatNodeState src, NatNodeState dst) {
    }

    Result apply(long seq, double time, NatNodeState u, Refreshed ru, NatNodeState v, Refreshed rv) {
        return apply(seq, time, u, ru, v, rv, u, v);
    }

    /**
     * Applies the event's writes, computed from the states {@code u} and {@code v} that were read, onto
     * {@code baseU} and {@code baseV}. Sequential semantics read and write the same states; NAT's original
     * batches read the state from before the batch and write onto the state the batch has built so far
     * ({@link NatTrainingConfig.BatchSemantics#READS_BEFORE_WRITES}).
     */
    Result apply(long seq, double time, NatNodeState u, Refreshed ru, NatNodeState v, Refreshed rv,
            NatNodeState baseU, NatNodeState baseV) {
        Editor eu = new Editor(baseU, precision);
        Editor ev = baseU.node() == baseV.node() ? eu : new Editor(baseV, precision);
        // §2.3 steps 5-6: self representations and previous events (u's first, then v's)
        eu.self = ru.self;
        eu.previous = PreviousEvent.rounded(precision, true, v.node(), seq, time, rv.self);
        ev.self = rv.self;
        ev.previous = PreviousEvent.rounded(precision, true, u.node(), seq, time, ru.self);
        // step 7: hop 2 of both directions (u's rows first), then hop 1, then hop 0
        if (config.m2() > 0) {
            twoHop(seq, u, ru, v, ev);
            twoHop(seq, v, rv, u, eu);
        }
        oneHop(seq, time, u, ru, v, rv.self, eu);
        oneHop(seq, time, v, rv, u, ru.self, ev);
        eu.n0.write(0, u.node(), seq, time, ru.n0, null);
        ev.n0.write(0, v.node(), seq, time, rv.n0, null);
        NatNodeState newU = eu.freeze();
        NatNodeState newV = ev == eu ? newU : ev.freeze();
        return new Result(newU, newV);
    }

    /** Every written 1-hop slot of x becomes a 2-hop candidate of y (x's neighbours are 2 hops from y). */
    private void twoHop(long seq, NatNodeState x, Refreshed rx, NatNodeState y, Editor ey) {
        NatSlots from = x.n1();
        NatSlots before = y.n2();
        for (int i = 0; i < from.capacity(); i++) {
            if (!from.isUsed(i)) {
                continue;
            }
            long w = from.key(i);
            int slot = hash.slot(w, config.m2());
            if (admits(before, slot, w, seq, y.node(), 2)) {
                ey.n2.writeCopy(slot, w, from.seq(i), from.time(i), rx.n1[i], from, i);
            }
        }
    }

    /** y enters x's 1-hop cache; it keeps its refreshed value if it already held that slot, else starts at 0. */
    private void oneHop(long seq, double time, NatNodeState x, Refreshed rx, NatNodeState y, float[] ySelf,
            Editor ex) {
        int slot = hash.slot(y.node(), config.m1());
        NatSlots before = x.n1();
        boolean held = before.isUsed(slot) && before.key(slot) == y.node();
        float[] value = held ? rx.n1[slot] : new float[config.valueDim()];
        if (admits(before, slot, y.node(), seq, x.node(), 1)) {
            ex.n1.write(slot, y.node(), seq, time, value, ySelf);
        }
    }

    private boolean admits(NatSlots before, int slot, long key, long seq, long node, int hop) {
        return !before.isUsed(slot) || before.key(slot) == key || coin.replaces(seq, node, hop, slot, key);
    }

    /** A node's record under construction. */
    private static final class Editor {
        private final StatePrecision precision;
        private final long node;
        private final NatSlots.Editor n0;
        private final NatSlots.Editor n1;
        private final NatSlots.Editor n2;
        private float[] self;
        private PreviousEvent previous;

        Editor(NatNodeState s, StatePrecision precision) {
            this.precision = precision;
            node = s.node();
            n0 = s.n0().edit(precision);
            n1 = s.n1().edit(precision);
            n2 = s.n2().edit(precision);
        }

        NatNodeState freeze() {
            return NatNodeState.rounded(precision, node, n0.freeze(), n1.freeze(), n2.freeze(), self.clone(),
                    previous);
        }
    }
}
