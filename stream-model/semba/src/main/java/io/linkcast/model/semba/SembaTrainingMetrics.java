package io.linkcast.model.semba;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * @param validation metrics of the kept parameters on the validation events, replayed from empty state through
 *     the serving path: for tasks that predict the sign, {@code signRocAuc}, {@code signMacroF1},
 *     {@code signF1Negative} and the {@code signThreshold} that maximises macro-F1 (the one to use on test);
 *     for the weight task, {@code weightRmse}
 * @param seconds wall time of the run
 */
public record SembaTrainingMetrics(SembaTrainingConfig training, int trainEvents, int validationEvents,
        List<Double> classWeights, List<Double> trainLoss, List<Double> validationLoss, int bestEpoch,
        Map<String, Double> validation, double seconds) {
    public SembaTrainingMetrics {
        classWeights = List.copyOf(classWeights);
        trainLoss = List.copyOf(trainLoss);
        validationLoss = List.copyOf(validationLoss);
        validation = Collections.unmodifiableMap(new TreeMap<>(validation));
    }
}
