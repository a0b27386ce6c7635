package io.linkcast.state.semba;

import io.linkcast.state.compact.StatePrecision;
import java.util.Arrays;

/**
 * One recent interaction of a node, as the node's own record keeps it.
 *
 * <p>The snapshot is the partner's memory (positive then negative half) as it was just before the
 * interaction: the embedding of a node attends over these snapshots instead of reading the partners' live
 * records, which keeps every read local to the node (architecture contract 2). It is rounded here, where the
 * entry is made, to {@link StatePrecision#snapshot} (8 bits with one scale by default).
 *
 * @param node internal id of the partner
 * @param t event time in seconds
 * @param sign +1 or -1, or 0 when the event carried no sign
 * @param direction {@link #OUT} when this node was the source of the event, {@link #IN} when it was the target
 * @param weight the event's weight, or NaN when it carried none
 * @param snapshot the partner's memories before the event; never mutated (the record compares it by value)
 */
public record SembaNeighbour(long node, double t, int sign, int direction, float weight, float[] snapshot) {
    /** This node was the source (it rated the partner). */
    public static final int OUT = 1;
    /** This node was the target (the partner rated it). */
    public static final int IN = -1;

    public SembaNeighbour {
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("t must be finite, got " + t);
        }
        if (sign < -1 || sign > 1) {
            throw new IllegalArgumentException("sign must be -1, 0 or +1, got " + sign);
        }
        if (direction != OUT && direction != IN) {
            throw new IllegalArgumentException("direction must be OUT (+1) or IN (-1), got " + direction);
        }
        if (Float.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be finite or NaN (absent), got " + weight);
        }
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot must not be null");
        }
        snapshot = StatePrecision.current().snapshot(snapshot);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SembaNeighbour n && node == n.node && Double.compare(t, n.t) == 0 && sign == n.sign
                && direction == n.direction && Float.compare(weight, n.weight) == 0
                && Arrays.equals(snapshot, n.snapshot);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(node);
        h = 31 * h + Double.hashCode(t);
        h = 31 * h + sign;
        h = 31 * h + direction;
        h = 31 * h + Float.hashCode(weight);
        return 31 * h + Arrays.hashCode(snapshot);
    }

    @Override
    public String toString() {
        return "SembaNeighbour[node=" + node + ", t=" + t + ", sign=" + sign + ", direction=" + direction
                + ", weight=" + weight + ", snapshot=" + snapshot.length + " floats]";
    }
}
