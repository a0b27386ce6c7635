package io.linkcast.model.eval;

/**
 * Counts of a {@link Split}, as printed in every report.
 *
 * @param events events in the whole dataset
 * @param nodes distinct nodes in the whole dataset
 * @param train training events (after inductive masking)
 * @param val validation events (after inductive masking)
 * @param test evaluated test events
 * @param testReplay events replayed into a fresh state before the test split (inductive only, else 0)
 * @param masked masked nodes (inductive only, else 0)
 */
public record SplitSizes(int events, int nodes, int train, int val, int test, int testReplay, int masked) {
    public SplitSizes {
        if (events < 0 || nodes < 0 || train < 0 || val < 0 || test < 0 || testReplay < 0 || masked < 0) {
            throw new IllegalArgumentException("split sizes must be >= 0");
        }
        if (train + val + test > events) {
            throw new IllegalArgumentException("train+val+test = " + (train + val + test)
                    + " exceeds the " + events + " events of the dataset");
        }
    }
}
