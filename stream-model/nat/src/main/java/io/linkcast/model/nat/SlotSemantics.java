package io.linkcast.model.nat;

import io.linkcast.state.nat.NatSlots;
import io.linkcast.state.nat.PreviousEvent;

/**
 * What the slots of a NAT record mean to the model that keeps them: which slot a neighbour takes, and what a
 * stored slot feeds its lazy refresh (nat-spec.md §2.2): the self representation it refreshes from, the time
 * encoder's input, and whether its value counts. A model keeps one semantics for its whole life, and its
 * {@link NatModel#stateFingerprint()} names it, since the same bytes mean something else under another one.
 *
 * <p>Every served model uses {@link ServedSlotSemantics}. Other semantics of the same record layout plug in here:
 * the original code's (absolute time, "timestamp 0 means empty", neighbours' current selves read from a global
 * table, its polynomial hash), which the parity replays against the Python code reproduce. {@link NatBatch}
 * calls the row methods once per row, possibly from several threads of a crew at once.
 */
interface SlotSemantics {

    /** Where a neighbour's key sits in each hop's slots (the transition writes there). */
    SlotHash hash();

    /**
     * The self representation the refresh of neighbour slot {@code slot} starts from, into out[at, at + d_s)
     * (zeros there beforehand).
     */
    void neighbourSelf(NatSlots slots, int slot, float[] out, int at);

    /**
     * The self representation of the previous event's counterpart ({@code previous} is present), into
     * out[at, at + d_s) (zeros there beforehand).
     */
    void counterpartSelf(PreviousEvent previous, float[] out, int at);

    /** The time encoder's input for a value stored at {@code stored} (written or not) and read at {@code now}. */
    float timeInput(boolean written, double stored, double now);

    /** Whether a slot's refreshed value takes part in the joint neighbourhood (else it is masked to zero). */
    boolean valueCounts(boolean written, double stored);
}
