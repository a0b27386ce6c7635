package io.linkcast.model.baseline;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.CandidateSource;
import io.linkcast.model.engine.ModelInfo;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.state.StateCodec;
import io.linkcast.state.baseline.BaselineNodeState;
import io.linkcast.state.baseline.BaselineStateCodec;
import io.linkcast.state.baseline.PartnerEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The foundation's two baseline predictors, kept as the yardstick for NAT and SEMBA.
 *
 * <ul>
 *   <li>Link: EdgeBank with recency ({@link EdgeBank#recency}). A pair u→v among u's remembered partners scores
 *       0.5 + 0.5·exp(−Δt / recency); an unseen pair scores below 0.5, rising with v's activity
 *       (0.5·n/(n + 10) for v's n events), so known pairs always rank above unknown ones.</li>
 *   <li>Sign: the smoothed share of negative ratings given by u and received by v, averaged, and blended
 *       half and half with the previous sign u gave v when there is one.</li>
 * </ul>
 */
public final class BaselineModel implements StreamModel<BaselineNodeState>, CandidateSource<BaselineNodeState> {
    private static final ModelInfo INFO = new ModelInfo("baseline", "1");

    private final BaselineConfig config;
    private final BaselineStateCodec codec;
    private final EdgeBank.Recency edgeBank;

    public BaselineModel(BaselineConfig config) {
        this.config = config;
        this.codec = new BaselineStateCodec();
        this.edgeBank = EdgeBank.recency(config.recencySeconds());
    }

    @Override
    public ModelInfo info() {
        return INFO;
    }

    @Override
    public StateCodec<BaselineNodeState> codec() {
        return codec;
    }

    @Override
    public BaselineNodeState emptyState(long node) {
        return BaselineNodeState.empty(config.partners());
    }

    @Override
    public WaveOutput<BaselineNodeState> step(Wave<BaselineNodeState> wave) {
        int n = wave.size();
        List<ModelOutput> outputs = new ArrayList<>(n);
        List<BaselineNodeState> newSrc = new ArrayList<>(n);
        List<BaselineNodeState> newDst = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Interaction e = wave.events().get(i).event();
            BaselineNodeState s = wave.srcStates().get(i);
            BaselineNodeState d = wave.dstStates().get(i);
            outputs.add(predict(s, d, e.dst(), e.t()));
            if (e.src() == e.dst()) {
                BaselineNodeState both = s.withOutgoing(e.dst(), e.t(), e.sign()).withIncoming(e.src(), e.t(), e.sign());
                newSrc.add(both);
                newDst.add(both);
            } else {
                newSrc.add(s.withOutgoing(e.dst(), e.t(), e.sign()));
                newDst.add(d.withIncoming(e.src(), e.t(), e.sign()));
            }
        }
        return new WaveOutput<>(outputs, newSrc, newDst);
    }

    @Override
    public List<ModelOutput> score(List<Query> queries, List<BaselineNodeState> srcStates,
            List<BaselineNodeState> dstStates) {
        List<ModelOutput> out = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            out.add(predict(srcStates.get(i), dstStates.get(i), q.dst(), q.t()));
        }
        return out;
    }

    @Override
    public Map<String, Object> describe(BaselineNodeState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", s.events());
        m.put("last_time", Double.isNaN(s.lastTime()) ? null : s.lastTime());
        m.put("given", Map.of("positive", s.outPositive(), "negative", s.outNegative()));
        m.put("received", Map.of("positive", s.inPositive(), "negative", s.inNegative()));
        List<Map<String, Object>> partners = new ArrayList<>();
        for (PartnerEntry p : s.partners()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("partner", p.partner());
            e.put("last_time", p.lastTime());
            e.put("last_sign", p.lastSign());
            e.put("count", p.count());
            partners.add(e);
        }
        m.put("recent_partners", partners);
        return m;
    }

    /** The node's remembered partners (EdgeBank's memory): the pairs most likely to repeat. */
    @Override
    public long[] candidates(long node, BaselineNodeState state) {
        return state.partners().stream().mapToLong(PartnerEntry::partner).filter(p -> p != node).toArray();
    }

    private ModelOutput predict(BaselineNodeState src, BaselineNodeState dst, long dstId, double t) {
        PartnerEntry seen = src.partner(dstId);
        double pLink;
        if (seen != null) {
            pLink = edgeBank.score(seen.lastTime(), t);
        } else {
            double activity = dst.events();
            pLink = 0.5 * activity / (activity + 10.0);
        }
        double given = smoothedNegative(src.outNegative(), src.outPositive());
        double received = smoothedNegative(dst.inNegative(), dst.inPositive());
        double pNegative = 0.5 * (given + received);
        if (seen != null && seen.lastSign() != 0) {
            pNegative = 0.5 * pNegative + 0.5 * (seen.lastSign() < 0 ? 0.9 : 0.02);
        }
        return new ModelOutput((float) pLink, (float) (1.0 - pNegative), Float.NaN);
    }

    private double smoothedNegative(int negative, int positive) {
        return (negative + config.priorWeight() * config.negativePrior()) / (negative + positive + config.priorWeight());
    }
}
