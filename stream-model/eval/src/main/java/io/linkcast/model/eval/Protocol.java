package io.linkcast.model.eval;

/** Which nodes the test split asks about (evaluation.md, "Splits"). */
public enum Protocol {
    /** Every event of each split is evaluated. */
    TRANSDUCTIVE,
    /**
     * NAT's inductive protocol: test events touch at least one node that was masked out of training and
     * validation.
     */
    INDUCTIVE
}
