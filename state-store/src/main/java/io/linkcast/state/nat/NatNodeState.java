package io.linkcast.state.nat;

import io.linkcast.state.compact.StatePrecision;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything NAT keeps about one node (nat-spec.md §1, §8): the N-caches N^(0), N^(1), N^(2), the self
 * representation and the previous-event record.
 *
 * <p>N^(0) has one slot whose key is the node itself; it refreshes from the node's own self representation,
 * so it carries no neighbour snapshot. A value: never mutated after construction. The constructor keeps the
 * self representation as given (a decoder's, already rounded); a model makes records with {@link #rounded},
 * which rounds it to the model's {@link StatePrecision}.
 *
 * @param node the node's internal id
 * @param n0 the 0-hop cache (1 slot)
 * @param n1 the 1-hop cache (m1 slots)
 * @param n2 the 2-hop cache (m2 slots; a 1-slot, never-written placeholder when m2 is 0)
 * @param self the self representation (d_s floats)
 * @param previous the node's last event
 */
public record NatNodeState(long node, NatSlots n0, NatSlots n1, NatSlots n2, float[] self, PreviousEvent previous) {

    public NatNodeState {
        Objects.requireNonNull(n0, "n0");
        Objects.requireNonNull(n1, "n1");
        Objects.requireNonNull(n2, "n2");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(previous, "previous");
        if (n0.capacity() != 1 || n0.snapshotDim() != 0) {
            throw new IllegalArgumentException("n0 must have one slot and no snapshot");
        }
        if (n1.valueDim() != n0.valueDim() || n2.valueDim() != n0.valueDim()) {
            throw new IllegalArgumentException("all hops must share valueDim");
        }
        if (n1.snapshotDim() != self.length || n2.snapshotDim() != self.length
                || previous.otherSelf().length != self.length) {
            throw new IllegalArgumentException("snapshots must have selfDim " + self.length + " floats");
        }
    }

    /**
     * A record made now, its self representation rounded to {@code precision} (a new array only when a value
     * changes); the hops and the previous event come rounded by their own makers.
     */
    public static NatNodeState rounded(StatePrecision precision, long node, NatSlots n0, NatSlots n1, NatSlots n2,
            float[] self, PreviousEvent previous) {
        return new NatNodeState(node, n0, n1, n2, precision.dense(Objects.requireNonNull(self, "self")), previous);
    }

    /** A node never seen: all slots unwritten, zero self, no previous event (zeros are exact at any precision). */
    public static NatNodeState empty(long node, NatShape shape) {
        return new NatNodeState(node, NatSlots.empty(1, shape.valueDim(), 0),
                NatSlots.empty(shape.m1(), shape.valueDim(), shape.selfDim()),
                NatSlots.empty(Math.max(1, shape.m2()), shape.valueDim(), shape.selfDim()),
                new float[shape.selfDim()], PreviousEvent.none(shape.selfDim()));
    }

    /** The cache of hop 0, 1 or 2. */
    public NatSlots hop(int hop) {
        switch (hop) {
            case 0:
                return n0;
            case 1:
                return n1;
            case 2:
                return n2;
            default:
                throw new IllegalArgumentException("hop must be 0, 1 or 2, got " + hop);
        }
    }

    /** Whether this record has the slot counts and widths of {@code shape}. */
    public boolean fits(NatShape shape) {
        return n1.capacity() == shape.m1() && n2.capacity() == Math.max(1, shape.m2())
                && n0.valueDim() == shape.valueDim() && self.length == shape.selfDim();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NatNodeState s && node == s.node && n0.equals(s.n0) && n1.equals(s.n1)
                && n2.equals(s.n2) && Arrays.equals(self, s.self) && previous.equals(s.previous);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, n0, n1, n2, previous) * 31 + Arrays.hashCode(self);
    }

    @Override
    public String toString() {
        return "NatNodeState[node=" + node + ", n1=" + n1 + ", n2=" + n2 + ", previous=" + previous + "]";
    }
}
