package io.linkcast.model.baseline;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.ModelInfo;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.state.StateCodec;
import io.linkcast.state.baseline.EdgeBankCodec;
import io.linkcast.state.baseline.EdgeBankState;
import java.util.ArrayList;
import java.util.List;

/**
 * EdgeBank (Poursafaei et al., NeurIPS 2022): predicts 1 for a directed edge u → v that has been seen
 * before, 0 otherwise. With a finite window, only edges seen within the last {@code window} seconds count
 * (EdgeBank_tw; the harness uses the span of the test split, as the paper does). The memory of u lives in
 * u's own record, so a prediction reads only u (locality); the rule is {@link EdgeBank}'s.
 */
public final class EdgeBankModel implements StreamModel<EdgeBankState> {
    private static final EdgeBankCodec CODEC = new EdgeBankCodec();
    private final EdgeBank.Window rule;

    /** @param window seconds an edge is remembered; {@code Double.POSITIVE_INFINITY} for unlimited memory */
    public EdgeBankModel(double window) {
        this.rule = EdgeBank.window(window);
    }

    public static EdgeBankModel unlimited() {
        return new EdgeBankModel(Double.POSITIVE_INFINITY);
    }

    public double window() {
        return rule.seconds();
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo(Double.isInfinite(rule.seconds()) ? "edgebank" : "edgebank-tw", "1");
    }

    @Override
    public StateCodec<EdgeBankState> codec() {
        return CODEC;
    }

    @Override
    public EdgeBankState emptyState(long node) {
        return EdgeBankState.EMPTY;
    }

    @Override
    public WaveOutput<EdgeBankState> step(Wave<EdgeBankState> wave) {
        int n = wave.size();
        List<ModelOutput> outputs = new ArrayList<>(n);
        List<EdgeBankState> newSrc = new ArrayList<>(n);
        List<EdgeBankState> newDst = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SequencedEvent se = wave.events().get(i);
            Interaction e = se.event();
            EdgeBankState src = wave.srcStates().get(i);
            outputs.add(ModelOutput.link(predict(src, e.dst(), e.t())));
            EdgeBankState updated = src.with(e.dst(), e.t());
            newSrc.add(updated);
            newDst.add(e.src() == e.dst() ? updated : wave.dstStates().get(i));
        }
        return new WaveOutput<>(outputs, newSrc, newDst);
    }

    @Override
    public List<ModelOutput> score(List<Query> queries, List<EdgeBankState> srcStates, List<EdgeBankState> dstStates) {
        List<ModelOutput> out = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            out.add(ModelOutput.link(predict(srcStates.get(i), q.dst(), q.t())));
        }
        return out;
    }

    private float predict(EdgeBankState src, long dst, double t) {
        double score = rule.score(src.lastTime(dst), t);
        return Double.isNaN(score) ? 0f : (float) score;
    }
}
