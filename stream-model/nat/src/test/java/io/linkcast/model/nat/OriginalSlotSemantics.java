package io.linkcast.model.nat;

import io.linkcast.state.nat.NatSlots;
import io.linkcast.state.nat.PreviousEvent;
import java.util.Objects;

/**
 * The original Python code's slot semantics (nat-spec.md §9, "faithful"), for the replays that check parity with
 * it: its polynomial hash, the time encoder fed the slot's absolute timestamp as float32, a value masked when
 * its timestamp is 0 (also a real event at t = 0), and neighbour refreshes that read the neighbour's current
 * self from a global table. Those reads break locality and batch invariance: replay with one event per batch and
 * on one thread (the source is read while the batch is filled).
 *
 * @param hash the original's polynomial ({@link OriginalSlotHash})
 * @param selves where the current self representations are read
 */
record OriginalSlotSemantics(SlotHash hash, NeighbourSelfSource selves) implements SlotSemantics {

    OriginalSlotSemantics {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(selves, "selves");
    }

    /** The original code with hash seed {@code hashSeed} ({@code a = hashSeed mod 100}). */
    static OriginalSlotSemantics of(long hashSeed, NeighbourSelfSource selves) {
        return new OriginalSlotSemantics(OriginalSlotHash.ofSeed(hashSeed), selves);
    }

    /**
     * The original's default dimensions: those of {@link NatConfig#defaults()} but d_t = 1 (one frequency, for
     * absolute timestamps). Use the {@code with…} methods to match a particular run.
     */
    static NatConfig config() {
        NatConfig d = NatConfig.defaults();
        return d.withDims(d.valueDim(), d.selfDim(), d.positionDim(), 1, d.pairDim(), d.edgeFeatureDim(), d.heads());
    }

    @Override
    public void neighbourSelf(NatSlots slots, int slot, float[] out, int at) {
        copyCurrentSelf(slots.key(slot), out, at);
    }

    @Override
    public void counterpartSelf(PreviousEvent previous, float[] out, int at) {
        copyCurrentSelf(previous.other(), out, at);
    }

    @Override
    public float timeInput(boolean written, double stored, double now) {
        return (float) stored;
    }

    @Override
    public boolean valueCounts(boolean written, double stored) {
        return (float) stored != 0f;
    }

    /** A node without state yet has a zero self; the rows arrive zeroed, so nothing is written then. */
    private void copyCurrentSelf(long node, float[] out, int at) {
        float[] self = selves.selfOf(node);
        if (self != null) {
            System.arraycopy(self, 0, out, at, self.length);
        }
    }
}
