package io.linkcast.model.baseline;

import java.util.Arrays;

/**
 * A node's bounded set of most recent distinct neighbours (either direction), each with the neighbour's
 * event count as known at their latest interaction (the snapshot locality allows, contract 2).
 * 8 + 24 bytes per kept neighbour.
 *
 * @param events events this node took part in
 * @param ids neighbour ids, most recent first
 * @param times time of the latest interaction with each, aligned
 * @param degrees each neighbour's event count after that interaction, aligned
 */
public record RecentNeighbours(long events, long[] ids, double[] times, long[] degrees) {
    public static final RecentNeighbours EMPTY = new RecentNeighbours(0, new long[0], new double[0], new long[0]);

    public RecentNeighbours {
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0, got " + events);
        }
        if (ids.length != times.length || ids.length != degrees.length) {
            throw new IllegalArgumentException("neighbour arrays differ in length");
        }
        ids = ids.clone();
        times = times.clone();
        degrees = degrees.clone();
    }

    /** Index of {@code node} among the neighbours, or -1. */
    public int indexOf(long node) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == node) {
                return i;
            }
        }
        return -1;
    }

    /**
     * After one more event of this node with {@code neighbour} (whose event count is then
     * {@code neighbourEvents}); the neighbour moves to the front and the oldest falls off beyond
     * {@code capacity}. {@code neighbour < 0} is not special: pass {@code addNeighbour = false} for a
     * self-loop, which only counts the event.
     */
    public RecentNeighbours after(long neighbour, double t, long neighbourEvents, boolean addNeighbour,
            int capacity) {
        if (!addNeighbour) {
            return new RecentNeighbours(events + 1, ids, times, degrees);
        }
        int at = indexOf(neighbour);
        int kept = Math.min(capacity, at >= 0 ? ids.length : ids.length + 1);
        long[] ni = new long[kept];
        double[] nt = new double[kept];
        long[] nd = new long[kept];
        ni[0] = neighbour;
        nt[0] = t;
        nd[0] = neighbourEvents;
        int j = 1;
        for (int i = 0; i < ids.length && j < kept; i++) {
            if (i != at) {
                ni[j] = ids[i];
                nt[j] = times[i];
                nd[j] = degrees[i];
                j++;
            }
        }
        return new RecentNeighbours(events + 1, ni, nt, nd);
    }

    public int size() {
        return ids.length;
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    @Override
    public double[] times() {
        return times.clone();
    }

    @Override
    public long[] degrees() {
        return degrees.clone();
    }

    long idAt(int i) {
        return ids[i];
    }

    double timeAt(int i) {
        return times[i];
    }

    long degreeAt(int i) {
        return degrees[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecentNeighbours r && events == r.events && Arrays.equals(ids, r.ids)
                && Arrays.equals(times, r.times) && Arrays.equals(degrees, r.degrees);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(events) + 31 * (Arrays.hashCode(ids) + 31 * (Arrays.hashCode(times)
                + 31 * Arrays.hashCode(degrees)));
    }

    @Override
    public String toString() {
        return "RecentNeighbours[events=" + events + ", neighbours=" + Arrays.toString(ids) + "]";
    }
}
