package io.linkcast.model.baseline;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.ModelInfo;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.model.eval.HistoryFeatures;
import io.linkcast.model.eval.SignedHistory;
import io.linkcast.state.StateCodec;
import io.linkcast.state.baseline.NodeHistory;
import io.linkcast.state.baseline.NodeHistoryCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The history-feature sign baseline: P(sign = +) of s → d is a logistic regression over
 * {@link HistoryFeatures} of the two endpoint records before the event. Fitted by
 * {@link HistoryLogisticTrainer}; it does not predict link existence or weight.
 */
public final class HistorySignModel implements StreamModel<NodeHistory> {
    private static final NodeHistoryCodec CODEC = new NodeHistoryCodec();
    private final LogisticRegression regression;

    public HistorySignModel(LogisticRegression regression) {
        if (regression.dimension() != HistoryFeatures.NAMES.size()) {
            throw new IllegalArgumentException("the regression has " + regression.dimension()
                    + " features; history features are " + HistoryFeatures.NAMES.size());
        }
        this.regression = regression;
    }

    /** Predicts 1/2 everywhere; used to build the feature states before fitting. */
    public static HistorySignModel untrained() {
        return new HistorySignModel(LogisticRegression.zero(HistoryFeatures.NAMES.size()));
    }

    public LogisticRegression regression() {
        return regression;
    }

    @Override
    public boolean predictsLink() {
        return false;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("history-lr", "1");
    }

    @Override
    public StateCodec<NodeHistory> codec() {
        return CODEC;
    }

    @Override
    public NodeHistory emptyState(long node) {
        return NodeHistory.EMPTY;
    }

    @Override
    public WaveOutput<NodeHistory> step(Wave<NodeHistory> wave) {
        int n = wave.size();
        List<ModelOutput> outputs = new ArrayList<>(n);
        List<NodeHistory> newSrc = new ArrayList<>(n);
        List<NodeHistory> newDst = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Interaction e = wave.events().get(i).event();
            NodeHistory s = wave.srcStates().get(i);
            NodeHistory d = wave.dstStates().get(i);
            outputs.add(predict(s, d, e.src(), e.dst(), e.t()));
            NodeHistory[] next = apply(s, d, e);
            newSrc.add(next[0]);
            newDst.add(next[1]);
        }
        return new WaveOutput<>(outputs, newSrc, newDst);
    }

    @Override
    public List<ModelOutput> score(List<Query> queries, List<NodeHistory> srcStates, List<NodeHistory> dstStates) {
        List<ModelOutput> out = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            out.add(predict(srcStates.get(i), dstStates.get(i), q.src(), q.dst(), q.t()));
        }
        return out;
    }

    /**
     * The endpoints' records after the event: {src, dst}; for a self-loop both are the one record that gave
     * and received.
     */
    static NodeHistory[] apply(NodeHistory s, NodeHistory d, Interaction e) {
        double rating = e.hasWeight() ? e.weight() : e.sign();
        NodeHistory s2 = s.afterGiving(e.dst(), e.sign(), rating, e.t());
        if (e.src() == e.dst()) {
            NodeHistory both = s2.afterReceiving(e.sign(), rating, e.t());
            return new NodeHistory[] {both, both};
        }
        return new NodeHistory[] {s2, d.afterReceiving(e.sign(), rating, e.t())};
    }

    /** The {@link HistoryFeatures} of s → d at t, the previous signs from the two records' maps of destinations. */
    static double[] features(NodeHistory s, NodeHistory d, long sId, long dId, double t) {
        float[] f = HistoryFeatures.of(history(s), history(d), s.signGivenTo(dId), d.signGivenTo(sId), t, 1.0);
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    private static SignedHistory history(NodeHistory h) {
        return new SignedHistory(h.outCount(), h.outNeg(), h.outSum(), h.inCount(), h.inNeg(), h.inSum(), h.lastTime());
    }

    private ModelOutput predict(NodeHistory s, NodeHistory d, long sId, long dId, double t) {
        double p = regression.probability(features(s, d, sId, dId, t));
        return new ModelOutput(Float.NaN, (float) p, Float.NaN);
    }
}
