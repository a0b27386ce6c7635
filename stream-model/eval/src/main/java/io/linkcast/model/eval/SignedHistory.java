package io.linkcast.model.eval;

/** One node's history of signed ratings, as the {@link HistoryFeatures} read it, from the node's own record. */
public interface SignedHistory {
    /** Ratings given. */
    int outDegree();

    /** Negative ratings given. */
    int negativeGiven();

    /** Sum of the ratings given (the weight, or the sign where an event has none). */
    double ratingGiven();

    /** Ratings received. */
    int inDegree();

    /** Negative ratings received. */
    int negativeReceived();

    /** Sum of the ratings received. */
    double ratingReceived();

    /** Time of the node's latest event; NaN before its first. */
    double lastTime();
}
