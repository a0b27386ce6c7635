package io.linkcast.model.nat;

/**
 * The current self representation of any node, for {@link NatConfig.NeighbourSelf#LIVE} (the original's global
 * {@code self_rep} table). Only the parity replay uses it; the default reads snapshots kept in the record.
 */
@FunctionalInterface
public interface NeighbourSelfSource {
    /** The node's current self representation, or null for a node with no state yet (read as zeros). */
    float[] selfOf(long node);
}
