package io.linkcast.model.baseline;

import io.linkcast.model.engine.ModelInfo;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.state.StateCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The majority-class / mean predictor: the same P(+) (the training split's fraction of positive signs) and
 * the same weight (the training mean) for every event. Its ROC-AUC is 0.5 by construction; thresholded on
 * validation it predicts the majority class. It does not predict link existence.
 */
public final class PriorModel implements StreamModel<NoState> {
    private static final NoState.Codec CODEC = new NoState.Codec();
    private final float pPositive;
    private final float weight;

    public PriorModel(float pPositive, float weight) {
        if (!(pPositive >= 0 && pPositive <= 1)) {
            throw new IllegalArgumentException("pPositive must be in [0, 1], got " + pPositive);
        }
        this.pPositive = pPositive;
        this.weight = weight;
    }

    /** Fits on the training events: NaN for a quantity no training event carries. */
    public static PriorModel fit(List<SequencedEvent> train) {
        long signed = train.stream().filter(e -> e.event().hasSign()).count();
        long positive = train.stream().filter(e -> e.event().sign() > 0).count();
        double mean = train.stream().filter(e -> e.event().hasWeight()).mapToDouble(e -> e.event().weight())
                .average().orElse(Double.NaN);
        return new PriorModel(signed == 0 ? 0.5f : (float) positive / signed, (float) mean);
    }

    public float pPositive() {
        return pPositive;
    }

    @Override
    public boolean predictsLink() {
        return false;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("majority", "1");
    }

    @Override
    public StateCodec<NoState> codec() {
        return CODEC;
    }

    @Override
    public NoState emptyState(long node) {
        return NoState.INSTANCE;
    }

    @Override
    public WaveOutput<NoState> step(Wave<NoState> wave) {
        List<NoState> same = Collections.nCopies(wave.size(), NoState.INSTANCE);
        return new WaveOutput<>(outputs(wave.size()), same, same);
    }

    @Override
    public List<ModelOutput> score(List<Query> queries, List<NoState> srcStates, List<NoState> dstStates) {
        return outputs(queries.size());
    }

    private List<ModelOutput> outputs(int n) {
        List<ModelOutput> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ModelOutput(Float.NaN, pPositive, weight));
        }
        return out;
    }
}
