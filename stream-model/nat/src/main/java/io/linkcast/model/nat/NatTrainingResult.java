package io.linkcast.model.nat;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link NatTrainer#fit}: the network holding the best epoch's weights (the caller closes it)
 * and what every epoch measured.
 *
 * @param network the trained network, at the best epoch's weights
 * @param epochs one entry per epoch run, in order
 * @param bestEpoch the epoch (1-based) whose weights were kept
 */
public record NatTrainingResult(NatNetwork network, List<Epoch> epochs, int bestEpoch) {

    public NatTrainingResult {
        Objects.requireNonNull(network, "network");
        epochs = List.copyOf(epochs);
        if (bestEpoch < 1 || bestEpoch > epochs.size()) {
            throw new IllegalArgumentException("bestEpoch must be in [1, " + epochs.size() + "], got " + bestEpoch);
        }
    }

    /**
     * What one epoch measured.
     *
     * @param epoch 1-based
     * @param trainLoss mean over training events of BCE(positive) + BCE(negative)
     * @param validationAp global average precision on the validation split (NaN without one)
     * @param trainSeconds wall time of the training pass
     * @param validationSeconds wall time of the validation pass
     * @param waves waves the training pass ran (steps of the engine)
     */
    public record Epoch(int epoch, double trainLoss, double validationAp, double trainSeconds,
            double validationSeconds, long waves) {
    }

    /** The best epoch's measurements. */
    public Epoch best() {
        return epochs.get(bestEpoch - 1);
    }
}
