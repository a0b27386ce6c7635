package io.linkcast.model.eval;

/**
 * One node's history of signed ratings, as the {@link HistoryFeatures} read it from the node's own record.
 *
 * @param outDegree ratings given
 * @param negativeGiven negative ratings given
 * @param ratingGiven sum of the ratings given (the weight, or the sign where an event has none)
 * @param inDegree ratings received
 * @param negativeReceived negative ratings received
 * @param ratingReceived sum of the ratings received
 * @param lastTime time of the node's latest event; NaN before its first
 */
public record SignedHistory(int outDegree, int negativeGiven, double ratingGiven, int inDegree, int negativeReceived,
        double ratingReceived, double lastTime) {
}
