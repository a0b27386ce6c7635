package io.linkcast.model.baseline;

import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.Wave;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.baseline.NodeHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits {@link HistorySignModel} on training events: runs them through the {@link MicroBatchEngine} (the
 * same path as evaluation and serving) with a step that records each signed event's features from the
 * states before it, then fits a class-balanced logistic regression.
 */
public final class HistoryLogisticTrainer {
    /** scikit-learn's default C = 1. */
    public static final double DEFAULT_L2 = 1.0;
    private static final int BATCH = 1000;

    private final double l2;

    public HistoryLogisticTrainer(double l2) {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
        }
        this.l2 = l2;
    }

    /**
     * @throws IllegalArgumentException if the training events do not hold both signs
     */
    public HistorySignModel fit(List<SequencedEvent> train) {
        HistorySignModel recorder = HistorySignModel.untrained();
        MicroBatchEngine<NodeHistory> engine = new MicroBatchEngine<>(recorder, new InMemoryNodeStateStore<>());
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int s = 0; s < train.size(); s += BATCH) {
            engine.process(train.subList(s, Math.min(train.size(), s + BATCH)), (Wave<NodeHistory> wave) -> {
                for (int i = 0; i < wave.size(); i++) {
                    var e = wave.events().get(i).event();
                    if (e.hasSign()) {
                        rows.add(HistorySignModel.features(wave.srcStates().get(i), wave.dstStates().get(i), e.src(),
                                e.dst(), e.t()));
                        labels.add(e.sign() > 0);
                    }
                }
                return recorder.step(wave);
            });
        }
        boolean[] y = new boolean[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("no signed event in the training split");
        }
        return new HistorySignModel(LogisticRegression.fit(rows.toArray(new double[0][]), y, l2, true));
    }
}
