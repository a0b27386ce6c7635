package io.linkcast.model.nat;

import io.linkcast.state.nat.NatSlots;
import io.linkcast.state.nat.PreviousEvent;
import java.util.Objects;

/**
 * The slot semantics of every served NAT model, the fixes of the original's defects (nat-spec.md §9): a
 * neighbour's refresh starts from the snapshot stored in its slot, so a record is read without any other node's
 * (architecture contract 2); the time encoder sees Δt = max(0, now − stored) (contract 8: a late event sees
 * Δt clamped at 0); only written slots count, so a real event at t = 0 is not mistaken for an empty slot.
 *
 * @param hash the placement; {@link #of} gives the served {@link SlotHash.Mix64}
 */
record ServedSlotSemantics(SlotHash hash) implements SlotSemantics {

    ServedSlotSemantics {
        Objects.requireNonNull(hash, "hash");
    }

    /** The served semantics of a model configured by {@code config}: the mixing hash seeded by its hash seed. */
    static ServedSlotSemantics of(NatConfig config) {
        return new ServedSlotSemantics(new SlotHash.Mix64(config.hashSeed()));
    }

    @Override
    public void neighbourSelf(NatSlots slots, int slot, float[] out, int at) {
        slots.copySnapshot(slot, out, at);
    }

    @Override
    public void counterpartSelf(PreviousEvent previous, float[] out, int at) {
        float[] self = previous.otherSelf();
        System.arraycopy(self, 0, out, at, self.length);
    }

    @Override
    public float timeInput(boolean written, double stored, double now) {
        return written ? (float) Math.max(0.0, now - stored) : 0f;
    }

    @Override
    public boolean valueCounts(boolean written, double stored) {
        return written;
    }
}
