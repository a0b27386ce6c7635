package io.linkcast.state.baseline;

import java.util.Arrays;

/**
 * What the history-feature baseline remembers about one node: counts and rating sums of what it gave and
 * received, the time of its latest event, and the last sign it gave to each destination (unbounded:
 * 9 bytes per distinct destination, needed for "previous sign between the pair").
 *
 * @param outCount ratings given
 * @param outNeg negative ratings given
 * @param outSum sum of ratings given (the weight, or the sign when the event has no weight)
 * @param inCount ratings received
 * @param inNeg negative ratings received
 * @param inSum sum of ratings received
 * @param lastTime time of the latest event, NaN before the first
 * @param givenTo destinations rated, ascending
 * @param givenSign the last sign given to each ({@code -1, 0, +1}), aligned
 */
public record NodeHistory(int outCount, int outNeg, double outSum, int inCount, int inNeg, double inSum,
        double lastTime, long[] givenTo, byte[] givenSign) {
    public static final NodeHistory EMPTY = new NodeHistory(0, 0, 0, 0, 0, 0, Double.NaN, new long[0], new byte[0]);

    public NodeHistory {
        if (outCount < 0 || outNeg < 0 || outNeg > outCount || inCount < 0 || inNeg < 0 || inNeg > inCount) {
            throw new IllegalArgumentException("counts must satisfy 0 <= negatives <= count, got out " + outNeg + "/"
                    + outCount + ", in " + inNeg + "/" + inCount);
        }
        if (givenTo.length != givenSign.length) {
            throw new IllegalArgumentException("givenTo and givenSign differ in length");
        }
        givenTo = givenTo.clone();
        givenSign = givenSign.clone();
    }

    /** The last sign this node gave to {@code dst}, 0 if none. */
    public int signGivenTo(long dst) {
        int i = Arrays.binarySearch(givenTo, dst);
        return i >= 0 ? givenSign[i] : 0;
    }

    /** After giving a rating to {@code dst}. */
    public NodeHistory afterGiving(long dst, int sign, double rating, double t) {
        long[] to = givenTo;
        byte[] signs = givenSign;
        int i = Arrays.binarySearch(to, dst);
        if (i >= 0) {
            signs = signs.clone();
            signs[i] = (byte) sign;
        } else {
            int at = -i - 1;
            to = new long[givenTo.length + 1];
            signs = new byte[givenTo.length + 1];
            System.arraycopy(givenTo, 0, to, 0, at);
            System.arraycopy(givenSign, 0, signs, 0, at);
            to[at] = dst;
            signs[at] = (byte) sign;
            System.arraycopy(givenTo, at, to, at + 1, givenTo.length - at);
            System.arraycopy(givenSign, at, signs, at + 1, givenTo.length - at);
        }
        return new NodeHistory(outCount + 1, outNeg + (sign < 0 ? 1 : 0), outSum + rating, inCount, inNeg, inSum,
                later(t), to, signs);
    }

    /** After receiving a rating. */
    public NodeHistory afterReceiving(int sign, double rating, double t) {
        return new NodeHistory(outCount, outNeg, outSum, inCount + 1, inNeg + (sign < 0 ? 1 : 0), inSum + rating,
                later(t), givenTo, givenSign);
    }

    /** A late event never moves the last time back (architecture: late events are clamped). */
    private double later(double t) {
        return Double.isNaN(lastTime) ? t : Math.max(lastTime, t);
    }

    int destinations() {
        return givenTo.length;
    }

    long givenToAt(int i) {
        return givenTo[i];
    }

    byte givenSignAt(int i) {
        return givenSign[i];
    }

    @Override
    public long[] givenTo() {
        return givenTo.clone();
    }

    @Override
    public byte[] givenSign() {
        return givenSign.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeHistory h && outCount == h.outCount && outNeg == h.outNeg
                && Double.compare(outSum, h.outSum) == 0 && inCount == h.inCount && inNeg == h.inNeg
                && Double.compare(inSum, h.inSum) == 0 && Double.compare(lastTime, h.lastTime) == 0
                && Arrays.equals(givenTo, h.givenTo) && Arrays.equals(givenSign, h.givenSign);
    }

    @Override
    public int hashCode() {
        int h = Integer.hashCode(outCount);
        h = 31 * h + Integer.hashCode(outNeg);
        h = 31 * h + Double.hashCode(outSum);
        h = 31 * h + Integer.hashCode(inCount);
        h = 31 * h + Integer.hashCode(inNeg);
        h = 31 * h + Double.hashCode(inSum);
        h = 31 * h + Double.hashCode(lastTime);
        h = 31 * h + Arrays.hashCode(givenTo);
        return 31 * h + Arrays.hashCode(givenSign);
    }

    @Override
    public String toString() {
        return "NodeHistory[out=" + outNeg + "/" + outCount + ", in=" + inNeg + "/" + inCount + ", last=" + lastTime
                + ", rated=" + givenTo.length + "]";
    }
}
