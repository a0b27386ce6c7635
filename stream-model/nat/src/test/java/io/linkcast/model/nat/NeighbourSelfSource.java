package io.linkcast.model.nat;

/**
 * The current self representation of any node: the original code's global {@code self_rep} table, which its
 * neighbour refreshes read ({@link OriginalSlotSemantics}). Served records keep snapshots instead.
 */
@FunctionalInterface
interface NeighbourSelfSource {
    /** The node's current self representation, or null for a node with no state yet (read as zeros). */
    float[] selfOf(long node);
}
