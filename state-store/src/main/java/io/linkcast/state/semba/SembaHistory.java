package io.linkcast.state.semba;

/**
 * Counters over every event of a node, kept for the history extension of SEMBA (the decoder can read the
 * features that a history-feature logistic regression uses, computed inside the node's record).
 *
 * <p>A rating is the event's weight, or its sign when it has no weight; an unsigned event counts in the
 * degrees but never as negative.
 *
 * @param outDegree events in which the node was the source
 * @param inDegree events in which the node was the target
 * @param negativeGiven of the out-events, those with sign -1
 * @param negativeReceived of the in-events, those with sign -1
 * @param ratingGiven sum of the ratings of the out-events
 * @param ratingReceived sum of the ratings of the in-events
 */
public record SembaHistory(int outDegree, int inDegree, int negativeGiven, int negativeReceived,
        double ratingGiven, double ratingReceived) {
    public static final SembaHistory EMPTY = new SembaHistory(0, 0, 0, 0, 0, 0);

    public SembaHistory {
        if (outDegree < 0 || inDegree < 0) {
            throw new IllegalArgumentException("degrees must be >= 0, got " + outDegree + "/" + inDegree);
        }
        if (negativeGiven < 0 || negativeGiven > outDegree) {
            throw new IllegalArgumentException(
                    "negativeGiven must be in [0, outDegree=" + outDegree + "], got " + negativeGiven);
        }
        if (negativeReceived < 0 || negativeReceived > inDegree) {
            throw new IllegalArgumentException(
                    "negativeReceived must be in [0, inDegree=" + inDegree + "], got " + negativeReceived);
        }
        if (!Double.isFinite(ratingGiven) || !Double.isFinite(ratingReceived)) {
            throw new IllegalArgumentException("rating sums must be finite, got " + ratingGiven + "/" + ratingReceived);
        }
    }

    /** After one more event in which the node was the source. */
    public SembaHistory plusGiven(int sign, double rating) {
        return new SembaHistory(Math.addExact(outDegree, 1), inDegree, negativeGiven + (sign < 0 ? 1 : 0),
                negativeReceived, ratingGiven + rating, ratingReceived);
    }

    /** After one more event in which the node was the target. */
    public SembaHistory plusReceived(int sign, double rating) {
        return new SembaHistory(outDegree, Math.addExact(inDegree, 1), negativeGiven,
                negativeReceived + (sign < 0 ? 1 : 0), ratingGiven, ratingReceived + rating);
    }
}
