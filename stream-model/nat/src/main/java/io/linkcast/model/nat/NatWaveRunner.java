package io.linkcast.model.nat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.ScoredWave;
import io.linkcast.model.engine.ScoringWaveStep;
import io.linkcast.model.engine.Wave;
import io.linkcast.state.nat.NatNodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The trainer's wave step for one batch: the model's own step (same batch assembly, same block, same
 * transition) plus one read-only negative per event, and, when training, the BCE loss of the wave
 * back-propagated into the parameters. Stored state is detached: the block's inputs are built from the
 * records, and the new records from the outputs' values.
 *
 * <p>The engine hands it each negative's state just before its event ({@link MicroBatchEngine#process(List,
 * List, ScoringWaveStep)}), so training, eval and serving score negatives alike.
 */
final class NatWaveRunner implements ScoringWaveStep<NatNodeState> {
    private final NatModel model;
    private final GradientCollector gradients;
    private final int lossDenominator;
    private final List<Float> positiveScores = new ArrayList<>();
    private final List<Float> negativeScores = new ArrayList<>();
    private double lossSum;
    private long waves;

    /**
     * @param gradients the open collector to back-propagate into, or null to only score
     * @param lossDenominator the loss of a wave is divided by this (the batch size: one step per batch)
     */
    NatWaveRunner(NatModel model, GradientCollector gradients, int lossDenominator) {
        this.model = model;
        this.gradients = gradients;
        this.lossDenominator = lossDenominator;
    }

    @Override
    public ScoredWave<NatNodeState> apply(Wave<NatNodeState> wave, List<Query> queries,
            List<NatNodeState> queryStates) {
        return run(wave, queryStates, null);
    }

    /**
     * Runs a whole batch as one step from the states before it, applying its writes in stream order onto
     * {@code current} (NAT's original batch semantics; the events may share nodes); {@code negatives} are the
     * negatives' states before the batch.
     */
    void runReadsBeforeWrites(Wave<NatNodeState> batch, List<NatNodeState> negatives,
            Map<Long, NatNodeState> current) {
        run(batch, negatives, current);
    }

    private ScoredWave<NatNodeState> run(Wave<NatNodeState> wave, List<NatNodeState> negatives,
            Map<Long, NatNodeState> current) {
        int n = wave.size();
        NatModel.Prepared prepared = model.prepare(wave, negatives);
        NatNetwork network = model.network();
        try (NDManager sub = network.manager().newSubManager()) {
            NDList out = network.block().forward(network.parameterStore(), prepared.batch().toNDList(network.inputs(sub)),
                    gradients != null);
            NDArray logits = out.get(0);
            if (gradients != null) {
                NDArray pos = logits.get(new NDIndex("{}", sub.create(toLongs(prepared.positive()))));
                NDArray neg = logits.get(new NDIndex("{}", sub.create(toLongs(prepared.negative()))));
                // BCE from logits: -log σ(x) = softplus(-x), -log(1 - σ(x)) = softplus(x)
                // constants as tensors of sub (see NatBlock#forwardInternal)
                NDArray zero = sub.zeros(new Shape(1));
                NDArray one = sub.full(new Shape(1), 1f);
                NDArray loss = softplus(pos.neg(), zero, one).sum().add(softplus(neg, zero, one).sum());
                lossSum += loss.getFloat();
                gradients.backward(loss.div(sub.full(new Shape(1), (float) lossDenominator)));
            }
            float[] all = logits.toFloatArray();
            List<ModelOutput> links = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                positiveScores.add(NatModel.sigmoid(all[prepared.positive()[i]]));
                float negative = NatModel.sigmoid(all[prepared.negative()[i]]);
                negativeScores.add(negative);
                links.add(ModelOutput.link(negative));
            }
            NatModel.StepResult r = model.finish(wave, prepared, NatModel.outputOf(out), current);
            waves++;
            return new ScoredWave<>(r.output(), links);
        }
    }

    /** log(1 + e^x), stable for large |x|; {@code zero} and {@code one} are those constants as tensors. */
    static NDArray softplus(NDArray x, NDArray zero, NDArray one) {
        return x.maximum(zero).add(x.abs().neg().exp().add(one).log());
    }

    private static long[] toLongs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** Sum over the batch's events of BCE(positive) + BCE(negative); 0 when only scoring. */
    double lossSum() {
        return lossSum;
    }

    long waves() {
        return waves;
    }

    List<Float> positiveScores() {
        return positiveScores;
    }

    List<Float> negativeScores() {
        return negativeScores;
    }
}
