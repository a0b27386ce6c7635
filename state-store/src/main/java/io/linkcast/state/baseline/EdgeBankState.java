package io.linkcast.state.baseline;

import java.util.Arrays;

/**
 * EdgeBank's memory for one source node: every destination it has sent to, with the last time.
 * Unbounded (EdgeBank's "unlimited memory"): 16 bytes per distinct destination.
 *
 * @param destinations distinct destinations, ascending
 * @param lastTimes time of the latest event to each destination, aligned
 */
public record EdgeBankState(long[] destinations, double[] lastTimes) {
    public static final EdgeBankState EMPTY = new EdgeBankState(new long[0], new double[0]);

    public EdgeBankState {
        if (destinations.length != lastTimes.length) {
            throw new IllegalArgumentException("destinations and times differ in length: " + destinations.length
                    + "/" + lastTimes.length);
        }
        for (int i = 1; i < destinations.length; i++) {
            if (destinations[i - 1] >= destinations[i]) {
                throw new IllegalArgumentException("destinations must be strictly ascending at index " + i);
            }
        }
        destinations = destinations.clone();
        lastTimes = lastTimes.clone();
    }

    /** The last time this node sent to {@code dst}, or NaN if never. */
    public double lastTime(long dst) {
        int i = Arrays.binarySearch(destinations, dst);
        return i >= 0 ? lastTimes[i] : Double.NaN;
    }

    /** A copy that remembers an edge to {@code dst} at {@code t} (a late event never moves time back). */
    public EdgeBankState with(long dst, double t) {
        int i = Arrays.binarySearch(destinations, dst);
        if (i >= 0) {
            double[] times = lastTimes.clone();
            times[i] = Math.max(times[i], t);
            return new EdgeBankState(destinations, times);
        }
        int at = -i - 1;
        int n = destinations.length;
        long[] d = new long[n + 1];
        double[] ts = new double[n + 1];
        System.arraycopy(destinations, 0, d, 0, at);
        System.arraycopy(lastTimes, 0, ts, 0, at);
        d[at] = dst;
        ts[at] = t;
        System.arraycopy(destinations, at, d, at + 1, n - at);
        System.arraycopy(lastTimes, at, ts, at + 1, n - at);
        return new EdgeBankState(d, ts);
    }

    public int size() {
        return destinations.length;
    }

    @Override
    public long[] destinations() {
        return destinations.clone();
    }

    @Override
    public double[] lastTimes() {
        return lastTimes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdgeBankState s && Arrays.equals(destinations, s.destinations)
                && Arrays.equals(lastTimes, s.lastTimes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(destinations) + Arrays.hashCode(lastTimes);
    }

    @Override
    public String toString() {
        return "EdgeBankState[" + destinations.length + " destinations]";
    }
}
