package io.linkcast.model.baseline;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.ModelInfo;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.state.StateCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Common neighbours or Adamic-Adar over each node's {@code capacity} most recent distinct neighbours
 * (undirected), a heuristic link predictor on the same kind of bounded neighbourhood NAT keeps
 * (N^(1) holds 32 by default).
 *
 * <p>Adamic-Adar weights a common neighbour w by {@code 1 / log(1 + events(w))}, with w's event count as
 * snapshotted in u's or v's record at their latest interaction with w (the later snapshot wins): the
 * {@code 1 +} keeps a neighbour with one event finite. Scores s ≥ 0 become {@code pLink = s / (1 + s)},
 * which keeps the ranking.
 */
public final class NeighbourOverlapModel implements StreamModel<RecentNeighbours> {
    /** The score. */
    public enum Kind { COMMON_NEIGHBOURS, ADAMIC_ADAR }

    /** NAT's default size of the 1-hop N-cache. */
    public static final int DEFAULT_CAPACITY = 32;
    private static final RecentNeighboursCodec CODEC = new RecentNeighboursCodec();

    private final Kind kind;
    private final int capacity;

    public NeighbourOverlapModel(Kind kind, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.capacity = capacity;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo(kind == Kind.COMMON_NEIGHBOURS ? "common-neighbours" : "adamic-adar",
                "1-k" + capacity);
    }

    @Override
    public StateCodec<RecentNeighbours> codec() {
        return CODEC;
    }

    @Override
    public RecentNeighbours emptyState(long node) {
        return RecentNeighbours.EMPTY;
    }

    @Override
    public WaveOutput<RecentNeighbours> step(Wave<RecentNeighbours> wave) {
        int n = wave.size();
        List<ModelOutput> outputs = new ArrayList<>(n);
        List<RecentNeighbours> newSrc = new ArrayList<>(n);
        List<RecentNeighbours> newDst = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Interaction e = wave.events().get(i).event();
            RecentNeighbours u = wave.srcStates().get(i);
            RecentNeighbours v = wave.dstStates().get(i);
            outputs.add(ModelOutput.link(probability(u, v, e.src(), e.dst())));
            boolean loop = e.src() == e.dst();
            RecentNeighbours u2 = u.after(e.dst(), e.t(), v.events() + 1, !loop, capacity);
            RecentNeighbours v2 = loop ? u2 : v.after(e.src(), e.t(), u.events() + 1, true, capacity);
            newSrc.add(u2);
            newDst.add(v2);
        }
        return new WaveOutput<>(outputs, newSrc, newDst);
    }

    @Override
    public List<ModelOutput> score(List<Query> queries, List<RecentNeighbours> srcStates,
            List<RecentNeighbours> dstStates) {
        List<ModelOutput> out = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            out.add(ModelOutput.link(probability(srcStates.get(i), dstStates.get(i), q.src(), q.dst())));
        }
        return out;
    }

    /** The raw score: number of common neighbours, or their Adamic-Adar weight sum. */
    public double overlap(RecentNeighbours u, RecentNeighbours v, long uId, long vId) {
        double s = 0;
        for (int i = 0; i < u.size(); i++) {
            long w = u.idAt(i);
            if (w == uId || w == vId) {
                continue;
            }
            int j = v.indexOf(w);
            if (j < 0) {
                continue;
            }
            if (kind == Kind.COMMON_NEIGHBOURS) {
                s += 1;
            } else {
                long degree = u.timeAt(i) >= v.timeAt(j) ? u.degreeAt(i) : v.degreeAt(j);
                s += 1 / Math.log(1 + degree);
            }
        }
        return s;
    }

    private float probability(RecentNeighbours u, RecentNeighbours v, long uId, long vId) {
        double s = overlap(u, v, uId, vId);
        return (float) (s / (1 + s));
    }
}
