package io.linkcast.model.semba;

import java.util.List;

/**
 * What a training run did, saved as {@code metrics.json} in the artifact.
 *
 * @param trainEvents events per training epoch
 * @param validationEvents events per validation pass
 * @param classWeights the loss weight of each class, in the task's class order (sign: +, -; signlink: +, -,
 *     none; link: edge, non-edge; weight: one entry)
 * @param trainLoss mean training loss of each epoch
 * @param validationLoss validation loss after each epoch, from the serving path
 * @param bestEpoch the epoch (1-based) whose parameters were kept
 * @param seconds wall time of the run
 */
public record SembaTrainingMetrics(SembaTrainingConfig training, int trainEvents, int validationEvents,
        List<Double> classWeights, List<Double> trainLoss, List<Double> validationLoss, int bestEpoch,
        double seconds) {
    public SembaTrainingMetrics {
        classWeights = List.copyOf(classWeights);
        trainLoss = List.copyOf(trainLoss);
        validationLoss = List.copyOf(validationLoss);
    }
}
