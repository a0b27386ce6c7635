package io.linkcast.model.nat;

import java.util.Objects;

/**
 * How {@link NatTrainer} trains (nat-spec.md §4): Adam, BCE with one uniform negative per positive, state
 * reset every epoch, early stopping on validation AP.
 *
 * @param batchSize events per optimisation step (gradients of all waves of a batch are summed)
 * @param learningRate Adam's learning rate
 * @param maxEpochs most epochs
 * @param patience epochs without improvement before stopping
 * @param tolerance relative validation-AP gain that counts as an improvement
 * @param seed seed of the weights, the negatives and dropout
 * @param semantics how the events of a training batch see each other
 * @param progress whether to print a progress bar per epoch
 */
public record NatTrainingConfig(int batchSize, double learningRate, int maxEpochs, int patience, double tolerance,
        long seed, BatchSemantics semantics, boolean progress, NegativePool negatives) {

    /** Where a training or validation event's negative destination is drawn from. */
    public enum NegativePool {
        /** The destinations seen up to the event: a negative never has an empty state. */
        SEEN,
        /**
         * Every destination of the split (training; training + validation for validation), as NAT's original
         * RandEdgeSampler and as {@code eval} draws: a negative can be a node that has not appeared yet.
         */
        SPLIT
    }

    /** How the events of one training batch see each other. */
    public enum BatchSemantics {
        /** Every event sees every earlier one (the engine's waves): what serving and evaluation do. */
        SEQUENTIAL,
        /**
         * NAT's original batches: every event of a batch reads the state from before the batch, then the batch's
         * writes are applied in stream order. Much faster (one step per batch instead of one per wave), but the
         * model is then trained on a slightly different process than the one it serves (nat-spec.md §8 item 1).
         */
        READS_BEFORE_WRITES
    }

    public NatTrainingConfig {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batchSize must be in [1, 100000], got " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1), got " + learningRate);
        }
        if (maxEpochs < 1 || maxEpochs > 10_000) {
            throw new IllegalArgumentException("maxEpochs must be in [1, 10000], got " + maxEpochs);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
        Objects.requireNonNull(semantics, "semantics");
        Objects.requireNonNull(negatives, "negatives");
    }

    /**
     * The spec's settings: batches of 100 events (the README runs of NAT), Adam 1e-4, at most 50 epochs, patience 3,
     * tolerance 1e-3, negatives from the whole split (session 9: +1.2 test AP on UCI over the destinations seen so
     * far, and the trainer's validation AP then agrees with eval's).
     */
    public static NatTrainingConfig defaults() {
        return new NatTrainingConfig(100, 1e-4, 50, 3, 1e-3, 0, BatchSemantics.SEQUENTIAL, true, NegativePool.SPLIT);
    }

    public NatTrainingConfig withBatchSize(int n) {
        return new NatTrainingConfig(n, learningRate, maxEpochs, patience, tolerance, seed, semantics, progress, negatives);
    }

    public NatTrainingConfig withLearningRate(double lr) {
        return new NatTrainingConfig(batchSize, lr, maxEpochs, patience, tolerance, seed, semantics, progress, negatives);
    }

    public NatTrainingConfig withMaxEpochs(int n) {
        return new NatTrainingConfig(batchSize, learningRate, n, patience, tolerance, seed, semantics, progress, negatives);
    }

    public NatTrainingConfig withSeed(long s) {
        return new NatTrainingConfig(batchSize, learningRate, maxEpochs, patience, tolerance, s, semantics, progress, negatives);
    }

    public NatTrainingConfig withSemantics(BatchSemantics s) {
        return new NatTrainingConfig(batchSize, learningRate, maxEpochs, patience, tolerance, seed, s, progress, negatives);
    }

    public NatTrainingConfig withProgress(boolean p) {
        return new NatTrainingConfig(batchSize, learningRate, maxEpochs, patience, tolerance, seed, semantics, p, negatives);
    }

    public NatTrainingConfig withPatience(int n) {
        return new NatTrainingConfig(batchSize, learningRate, maxEpochs, n, tolerance, seed, semantics, progress, negatives);
    }

    public NatTrainingConfig withTolerance(double t) {
        return new NatTrainingConfig(batchSize, learningRate, maxEpochs, patience, t, seed, semantics, progress, negatives);
    }

    public NatTrainingConfig withNegatives(NegativePool pool) {
        return new NatTrainingConfig(batchSize, learningRate, maxEpochs, patience, tolerance, seed, semantics, progress,
                pool);
    }
}
