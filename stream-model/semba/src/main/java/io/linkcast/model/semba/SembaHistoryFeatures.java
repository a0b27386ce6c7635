package io.linkcast.model.semba;

import io.linkcast.model.eval.HistoryFeatures;
import io.linkcast.model.eval.SignedHistory;
import io.linkcast.state.semba.SembaHistory;
import io.linkcast.state.semba.SembaNeighbour;
import io.linkcast.state.semba.SembaNodeState;
import java.util.List;

/**
 * The {@link HistoryFeatures} of a pair from two SEMBA records: the decoder's extra inputs of
 * {@link SembaExtension#HISTORY}. What is SEMBA's own is where the history comes from: the counts of its
 * {@link SembaHistory}, the latest event of its neighbour list, and the previous signs looked up in the bounded
 * neighbour lists (s's list first, then d's, mirrored), so that a pair that has not met within either node's last
 * {@code neighbours} events reads 0.
 */
final class SembaHistoryFeatures {
    private SembaHistoryFeatures() {
    }

    /** Writes the features of (src → dst at time t) into {@code out} at {@code offset}. */
    static void write(long srcNode, SembaNodeState src, long dstNode, SembaNodeState dst, double t,
            double weightScale, float[] out, int offset) {
        HistoryFeatures.write(history(src), history(dst), previousSign(src, dstNode, SembaNeighbour.OUT, dst, srcNode),
                previousSign(src, dstNode, SembaNeighbour.IN, dst, srcNode), t, weightScale, out, offset);
    }

    /** For tests and explanations: the features as a new array. */
    static float[] of(long srcNode, SembaNodeState src, long dstNode, SembaNodeState dst, double t, double weightScale) {
        float[] out = new float[HistoryFeatures.COUNT];
        write(srcNode, src, dstNode, dst, t, weightScale, out, 0);
        return out;
    }

    /** A SEMBA record as a signed history; its latest event is the newest entry of its neighbour list. */
    private static SignedHistory history(SembaNodeState state) {
        SembaHistory h = state.history();
        return new SignedHistory(h.outDegree(), h.negativeGiven(), h.ratingGiven(), h.inDegree(), h.negativeReceived(),
                h.ratingReceived(), state.hasEvents() ? state.newest().t() : Double.NaN);
    }

    /**
     * The sign of the most recent event between the pair in the given direction as seen from s ({@code OUT}:
     * s rated d), from s's list first and d's list otherwise (where the direction is mirrored); 0 if neither has it.
     */
    private static int previousSign(SembaNodeState s, long d, int direction, SembaNodeState other, long sNode) {
        int found = lastSign(s.neighbours(), d, direction);
        if (found == Integer.MIN_VALUE) {
            found = lastSign(other.neighbours(), sNode, -direction);
        }
        return found == Integer.MIN_VALUE ? 0 : found;
    }

    private static int lastSign(List<SembaNeighbour> list, long node, int direction) {
        for (int k = list.size() - 1; k >= 0; k--) {
            SembaNeighbour n = list.get(k);
            if (n.node() == node && n.direction() == direction) {
                return n.sign();
            }
        }
        return Integer.MIN_VALUE;
    }
}
