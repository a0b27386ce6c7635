package io.linkcast.state.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The per-node record of the baseline predictors (EdgeBank and signed history): when the node was last
 * active, how many events it took part in, how many signed events it gave and received, and a bounded list
 * of the partners it sent events to, most recent first.
 *
 * <p>Immutable; every transition returns a new instance. Only what the node itself saw is kept here
 * (architecture contract 2): the partner list is the node's own outgoing history.
 *
 * <p>Time: the last event applied wins, even when it is earlier than {@link #lastTime()}. Late events are
 * applied in arrival order (architecture contract 8); clamping Δt is the predictor's job.
 *
 * <p>The signed counters saturate at {@link Integer#MAX_VALUE} instead of wrapping: a stream must not fail
 * or turn a count negative because one node is very busy.
 */
public final class BaselineNodeState {
    /** Default number of partners remembered per node. */
    public static final int DEFAULT_CAPACITY = 32;
    /** Largest partner capacity (keeps a record under 22 KiB). */
    public static final int MAX_CAPACITY = 1024;

    private final double lastTime;
    private final long events;
    private final int outPositive;
    private final int outNegative;
    private final int inPositive;
    private final int inNegative;
    private final int capacity;
    private final List<PartnerEntry> partners;

    private BaselineNodeState(double lastTime, long events, int outPositive, int outNegative, int inPositive,
            int inNegative, int capacity, List<PartnerEntry> partners) {
        this.lastTime = lastTime;
        this.events = events;
        this.outPositive = outPositive;
        this.outNegative = outNegative;
        this.inPositive = inPositive;
        this.inNegative = inNegative;
        this.capacity = capacity;
        this.partners = partners;
    }

    /** The state of a node that has seen no event, remembering up to {@code capacity} partners (1..1024). */
    public static BaselineNodeState empty(int capacity) {
        checkCapacity(capacity);
        return new BaselineNodeState(Double.NaN, 0L, 0, 0, 0, 0, capacity, List.of());
    }

    /**
     * Rebuilds a state from its fields, checking every invariant; the codec's entry point.
     *
     * @throws IllegalArgumentException if a field is out of range, the list is longer than the capacity or
     *         names a partner twice
     */
    static BaselineNodeState of(double lastTime, long events, int outPositive, int outNegative, int inPositive,
            int inNegative, int capacity, List<PartnerEntry> partners) {
        checkCapacity(capacity);
        if (Double.isInfinite(lastTime)) {
            throw new IllegalArgumentException("lastTime must be finite or NaN, got " + lastTime);
        }
        if (events < 0 || outPositive < 0 || outNegative < 0 || inPositive < 0 || inNegative < 0) {
            throw new IllegalArgumentException("counters must be >= 0, got events=" + events + " out+=" + outPositive
                    + " out-=" + outNegative + " in+=" + inPositive + " in-=" + inNegative);
        }
        if (events == 0 && (!Double.isNaN(lastTime) || !partners.isEmpty())) {
            throw new IllegalArgumentException("a node with 0 events has lastTime NaN and no partners, got lastTime="
                    + lastTime + " and " + partners.size() + " partners");
        }
        if (events > 0 && Double.isNaN(lastTime)) {
            throw new IllegalArgumentException("a node with " + events + " events needs a finite lastTime");
        }
        if (partners.size() > capacity) {
            throw new IllegalArgumentException("partner list holds " + partners.size() + " entries, capacity is "
                    + capacity);
        }
        long[] ids = new long[partners.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = partners.get(i).partner();
        }
        Arrays.sort(ids);
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] == ids[i - 1]) {
                throw new IllegalArgumentException("partner " + ids[i] + " appears twice in the partner list");
            }
        }
        return new BaselineNodeState(lastTime, events, outPositive, outNegative, inPositive, inNegative, capacity,
                List.copyOf(partners));
    }

    private static void checkCapacity(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be in 1.." + MAX_CAPACITY + ", got " + capacity);
        }
    }

    private static void checkEvent(double t, int sign) {
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("event time must be finite, got " + t);
        }
        if (sign < -1 || sign > 1) {
            throw new IllegalArgumentException("sign must be -1, 0 (absent) or +1, got " + sign);
        }
    }

    /**
     * This node sent an event with sign {@code sign} (+1, -1, or 0 = unsigned) to {@code partner} at time
     * {@code t}: counts the event, sets the last time to {@code t}, counts the sign on the outgoing side, and
     * moves {@code partner} to the front of the partner list (inserting it, and evicting the least recent
     * partner when the list is full).
     */
    public BaselineNodeState withOutgoing(long partner, double t, int sign) {
        checkEvent(t, sign);
        int found = indexOf(partner);
        PartnerEntry updated;
        if (found >= 0) {
            PartnerEntry old = partners.get(found);
            updated = new PartnerEntry(partner, t, sign != 0 ? sign : old.lastSign(), saturatedInc(old.count()));
        } else {
            updated = new PartnerEntry(partner, t, sign, 1);
        }
        // the front is the most recent partner; without a match the tail (least recent) drops off when full
        List<PartnerEntry> next = new ArrayList<>(Math.min(partners.size() + 1, capacity));
        next.add(updated);
        for (int i = 0; i < partners.size() && next.size() < capacity; i++) {
            if (i != found) {
                next.add(partners.get(i));
            }
        }
        return new BaselineNodeState(t, events + 1, sign > 0 ? saturatedInc(outPositive) : outPositive,
                sign < 0 ? saturatedInc(outNegative) : outNegative, inPositive, inNegative, capacity,
                Collections.unmodifiableList(next));
    }

    /**
     * This node received an event with sign {@code sign} (+1, -1, or 0 = unsigned) at time {@code t}: counts
     * the event, sets the last time to {@code t} and counts the sign on the incoming side. The partner list is
     * the node's outgoing history and is left alone.
     */
    public BaselineNodeState withIncoming(long from, double t, int sign) {
        checkEvent(t, sign);
        return new BaselineNodeState(t, events + 1, outPositive, outNegative,
                sign > 0 ? saturatedInc(inPositive) : inPositive, sign < 0 ? saturatedInc(inNegative) : inNegative,
                capacity, partners);
    }

    private int indexOf(long partner) {
        for (int i = 0; i < partners.size(); i++) {
            if (partners.get(i).partner() == partner) {
                return i;
            }
        }
        return -1;
    }

    private static int saturatedInc(int n) {
        return n == Integer.MAX_VALUE ? n : n + 1;
    }

    /** Event time in seconds of the last event applied; NaN if the node never had an event. */
    public double lastTime() {
        return lastTime;
    }

    /** Events this node took part in, as source or destination (a self-loop counts twice). */
    public long events() {
        return events;
    }

    /** Positive events this node sent. */
    public int outPositive() {
        return outPositive;
    }

    /** Negative events this node sent. */
    public int outNegative() {
        return outNegative;
    }

    /** Positive events this node received. */
    public int inPositive() {
        return inPositive;
    }

    /** Negative events this node received. */
    public int inNegative() {
        return inNegative;
    }

    /** Most partners remembered. */
    public int capacity() {
        return capacity;
    }

    /** Partners this node sent events to, most recent first, at most {@link #capacity()}; unmodifiable. */
    public List<PartnerEntry> partners() {
        return partners;
    }

    /** The entry of {@code id}, or null if it is not (or no longer) in the partner list. */
    public PartnerEntry partner(long id) {
        int i = indexOf(id);
        return i >= 0 ? partners.get(i) : null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BaselineNodeState other)) {
            return false;
        }
        // Double.compare: NaN equals NaN, as in records
        return Double.compare(lastTime, other.lastTime) == 0 && events == other.events
                && outPositive == other.outPositive && outNegative == other.outNegative
                && inPositive == other.inPositive && inNegative == other.inNegative && capacity == other.capacity
                && partners.equals(other.partners);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastTime, events, outPositive, outNegative, inPositive, inNegative, capacity, partners);
    }

    @Override
    public String toString() {
        return "BaselineNodeState[lastTime=" + lastTime + ", events=" + events + ", outPositive=" + outPositive
                + ", outNegative=" + outNegative + ", inPositive=" + inPositive + ", inNegative=" + inNegative
                + ", capacity=" + capacity + ", partners=" + partners + "]";
    }
}
