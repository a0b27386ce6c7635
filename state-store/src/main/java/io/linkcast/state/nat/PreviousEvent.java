package io.linkcast.state.nat;

import io.linkcast.state.compact.StatePrecision;
import java.util.Arrays;
import java.util.Objects;

/**
 * A node's most recent event as NAT's self refresh consumes it (the original's {@code prev_raw}): the
 * counterpart, the event's stream position and time, and a snapshot of the counterpart's self
 * representation right after that event. {@link #rounded} rounds the snapshot like a slot's neighbour
 * snapshot ({@link StatePrecision#snapshot}), so that it equals, bit for bit, the 1-hop slot written from the
 * same self by the same event, and the codec can store it once. The constructor keeps it as given (a
 * decoder's, already rounded).
 *
 * @param present false for a node that has had no event yet (then every other field is zero)
 * @param other the counterpart's node id
 * @param seq stream position of the event
 * @param time event time in seconds
 * @param otherSelf the counterpart's self representation after the event (d_s floats)
 */
public record PreviousEvent(boolean present, long other, long seq, double time, float[] otherSelf) {

    public PreviousEvent {
        Objects.requireNonNull(otherSelf, "otherSelf");
        if (!present && (other != 0 || seq != 0 || time != 0)) {
            throw new IllegalArgumentException("an absent previous event must be all zero");
        }
    }

    /** An event made now, its counterpart's self rounded to {@code precision} as a neighbour snapshot. */
    public static PreviousEvent rounded(StatePrecision precision, boolean present, long other, long seq, double time,
            float[] otherSelf) {
        return new PreviousEvent(present, other, seq, time,
                precision.snapshot(Objects.requireNonNull(otherSelf, "otherSelf")));
    }

    /** No previous event, for a self dimension of {@code selfDim} (zeros are exact at any precision). */
    public static PreviousEvent none(int selfDim) {
        return new PreviousEvent(false, 0, 0, 0, new float[selfDim]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreviousEvent p && present == p.present && other == p.other && seq == p.seq
                && Double.compare(time, p.time) == 0 && Arrays.equals(otherSelf, p.otherSelf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(present, other, seq, time) * 31 + Arrays.hashCode(otherSelf);
    }

    @Override
    public String toString() {
        return present ? "PreviousEvent[other=" + other + ", seq=" + seq + ", time=" + time + "]" : "PreviousEvent[none]";
    }
}
