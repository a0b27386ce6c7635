package io.linkcast.model.semba;

/**
 * How {@link SembaTrainer} trains, validated.
 *
 * @param epochs most passes over the training events, in [1, 1000]
 * @param patience epochs without a better validation loss before stopping, in [1, 1000]
 * @param batchSize events per micro-batch and per optimiser step, in [1, 1,000,000]
 * @param learningRate Adam's learning rate, in (0, 1]
 * @param weightDecay L2 penalty added to the gradients, in [0, 1)
 * @param seed seeds the initial parameters and the sampled non-edges
 * @param balanceClasses weight each class by total / (classes × its count) over the training events, so the
 *     minority negative signs (6-23 % of events in the signed datasets) weigh as much as the positives
 * @param progress show a progress bar on standard error
 */
public record SembaTrainingConfig(int epochs, int patience, int batchSize, double learningRate,
        double weightDecay, long seed, boolean balanceClasses, boolean progress) {

    public SembaTrainingConfig {
        check("epochs", epochs, 1, 1000);
        check("patience", patience, 1, 1000);
        check("batchSize", batchSize, 1, 1_000_000);
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
        }
        if (!(weightDecay >= 0 && weightDecay < 1)) {
            throw new IllegalArgumentException("weightDecay must be in [0, 1), got " + weightDecay);
        }
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /** 10 epochs, patience 3, batches of 200, Adam at 1e-3, no weight decay, balanced classes, seed 42. */
    public static SembaTrainingConfig defaults() {
        return new SembaTrainingConfig(10, 3, 200, 1e-3, 0, 42, true, true);
    }

    public SembaTrainingConfig withEpochs(int value) {
        return new SembaTrainingConfig(value, patience, batchSize, learningRate, weightDecay, seed, balanceClasses,
                progress);
    }

    public SembaTrainingConfig withBatchSize(int value) {
        return new SembaTrainingConfig(epochs, patience, value, learningRate, weightDecay, seed, balanceClasses,
                progress);
    }

    public SembaTrainingConfig withLearningRate(double value) {
        return new SembaTrainingConfig(epochs, patience, batchSize, value, weightDecay, seed, balanceClasses,
                progress);
    }

    public SembaTrainingConfig withSeed(long value) {
        return new SembaTrainingConfig(epochs, patience, batchSize, learningRate, weightDecay, value, balanceClasses,
                progress);
    }

    public SembaTrainingConfig withProgress(boolean value) {
        return new SembaTrainingConfig(epochs, patience, batchSize, learningRate, weightDecay, seed, balanceClasses,
                value);
    }
}
