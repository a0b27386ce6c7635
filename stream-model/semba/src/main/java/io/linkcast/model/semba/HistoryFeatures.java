package io.linkcast.model.semba;

import io.linkcast.state.semba.SembaHistory;
import io.linkcast.state.semba.SembaNeighbour;
import io.linkcast.state.semba.SembaNodeState;
import java.util.List;

/**
 * The history features of a pair (s, d), computed only from the two node records, as known before the event
 * (evaluation.md, "Link sign" baselines). They are the decoder's extra inputs of
 * {@link SembaExtension#HISTORY}.
 *
 * <p>In order: log(1 + out-degree of s), negative fraction given by s, mean rating given by s; log(1 + in-degree
 * of d), negative fraction received by d, mean rating received by d; previous sign s→d and d→s (0 if none among
 * the recent neighbours of either record); log(1 + in-degree of s) and its negative fraction; log(1 + out-degree
 * of d) and its negative fraction; log(1 + seconds since the last event of s) / 10 and of d.
 *
 * <p>Negative fractions are smoothed as negatives / (degree + 1), so a node without events reads 0; mean
 * ratings are multiplied by the model's weight scale so they live on the scale of the messages. The previous
 * sign is looked up among the bounded neighbour lists, so a pair that has not met within either node's last
 * {@code neighbours} events reads 0.
 */
public final class HistoryFeatures {
    /** Features per pair. */
    public static final int COUNT = 14;

    private HistoryFeatures() {
    }

    /** Writes the {@link #COUNT} features of (src → dst at time t) into {@code out} at {@code offset}. */
    public static void write(long srcNode, SembaNodeState src, long dstNode, SembaNodeState dst, double t,
            double weightScale, float[] out, int offset) {
        SembaHistory hs = src.history();
        SembaHistory hd = dst.history();
        int i = offset;
        out[i++] = (float) Math.log1p(hs.outDegree());
        out[i++] = (float) (hs.negativeGiven() / (hs.outDegree() + 1.0));
        out[i++] = (float) (weightScale * hs.ratingGiven() / Math.max(1, hs.outDegree()));
        out[i++] = (float) Math.log1p(hd.inDegree());
        out[i++] = (float) (hd.negativeReceived() / (hd.inDegree() + 1.0));
        out[i++] = (float) (weightScale * hd.ratingReceived() / Math.max(1, hd.inDegree()));
        out[i++] = previousSign(src, dstNode, SembaNeighbour.OUT, dst, srcNode);
        out[i++] = previousSign(src, dstNode, SembaNeighbour.IN, dst, srcNode);
        out[i++] = (float) Math.log1p(hs.inDegree());
        out[i++] = (float) (hs.negativeReceived() / (hs.inDegree() + 1.0));
        out[i++] = (float) Math.log1p(hd.outDegree());
        out[i++] = (float) (hd.negativeGiven() / (hd.outDegree() + 1.0));
        out[i++] = sinceLast(src, t);
        out[i] = sinceLast(dst, t);
    }

    /** Convenience for tests and explanations: the features as a new array. */
    public static float[] of(long srcNode, SembaNodeState src, long dstNode, SembaNodeState dst, double t,
            double weightScale) {
        float[] out = new float[COUNT];
        write(srcNode, src, dstNode, dst, t, weightScale, out, 0);
        return out;
    }

    /**
     * The sign of the most recent event between the pair in the given direction as seen from s ({@code OUT}:
     * s rated d), from s's list first and d's list otherwise (where the direction is mirrored).
     */
    private static float previousSign(SembaNodeState s, long d, int direction, SembaNodeState other, long sNode) {
        int found = lastSign(s.neighbours(), d, direction);
        if (found == Integer.MIN_VALUE) {
            found = lastSign(other.neighbours(), sNode, -direction);
        }
        return found == Integer.MIN_VALUE ? 0f : found;
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

    private static float sinceLast(SembaNodeState s, double t) {
        if (!s.hasEvents()) {
            return 0f;
        }
        return (float) (Math.log1p(Math.max(0.0, t - s.newest().t())) / 10.0);
    }
}
