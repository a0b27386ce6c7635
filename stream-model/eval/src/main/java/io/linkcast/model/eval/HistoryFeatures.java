package io.linkcast.model.eval;

import java.util.List;

/**
 * The history features of a pair s → d at time t (evaluation.md, "History-feature baselines"), from the two endpoint
 * records before the event: the one definition that SEMBA's history extension (as decoder inputs) and the history
 * logistic-regression baseline both read. Each caller finds the previous signs between the pair in its own record
 * (SEMBA in its bounded neighbour lists, the baseline in its map of every destination).
 *
 * <p>Negative fractions are smoothed as negatives / (degree + 1), so a node without events reads 0 (SEMBA's trained
 * artifacts read these values); mean ratings are multiplied by {@code ratingScale} (SEMBA's weight scale, 1 for the
 * baseline); the time since a node's last event is log(1 + seconds) / 10, and 0 before its first event (its degree
 * features already say it is new).
 */
public final class HistoryFeatures {
    /** Feature names, in vector order. */
    public static final List<String> NAMES = List.of(
            "log1p(out-degree of s)", "neg fraction given by s", "mean rating given by s",
            "log1p(in-degree of d)", "neg fraction received by d", "mean rating received by d",
            "previous sign s->d", "previous sign d->s",
            "log1p(in-degree of s)", "neg fraction received by s",
            "log1p(out-degree of d)", "neg fraction given by d",
            "log1p(seconds since last event of s) / 10", "log1p(seconds since last event of d) / 10");

    /** Features per pair. */
    public static final int COUNT = NAMES.size();

    private HistoryFeatures() {
    }

    /**
     * Writes the {@link #COUNT} features into {@code out} at {@code offset}.
     *
     * @param previousSd the sign of the latest s → d rating, 0 if none is known
     * @param previousDs the sign of the latest d → s rating, 0 if none is known
     */
    public static void write(SignedHistory s, SignedHistory d, int previousSd, int previousDs, double t,
            double ratingScale, float[] out, int offset) {
        int i = offset;
        out[i++] = (float) Math.log1p(s.outDegree());
        out[i++] = (float) smoothed(s.negativeGiven(), s.outDegree());
        out[i++] = (float) (ratingScale * s.ratingGiven() / Math.max(1, s.outDegree()));
        out[i++] = (float) Math.log1p(d.inDegree());
        out[i++] = (float) smoothed(d.negativeReceived(), d.inDegree());
        out[i++] = (float) (ratingScale * d.ratingReceived() / Math.max(1, d.inDegree()));
        out[i++] = previousSd;
        out[i++] = previousDs;
        out[i++] = (float) Math.log1p(s.inDegree());
        out[i++] = (float) smoothed(s.negativeReceived(), s.inDegree());
        out[i++] = (float) Math.log1p(d.outDegree());
        out[i++] = (float) smoothed(d.negativeGiven(), d.outDegree());
        out[i++] = sinceLast(s, t);
        out[i] = sinceLast(d, t);
    }

    /** The features as a new array. */
    public static float[] of(SignedHistory s, SignedHistory d, int previousSd, int previousDs, double t,
            double ratingScale) {
        float[] out = new float[COUNT];
        write(s, d, previousSd, previousDs, t, ratingScale, out, 0);
        return out;
    }

    private static double smoothed(int negatives, int count) {
        return negatives / (count + 1.0);
    }

    private static float sinceLast(SignedHistory n, double t) {
        double last = n.lastTime();
        return Double.isNaN(last) ? 0f : (float) (Math.log1p(Math.max(0.0, t - last)) / 10.0);
    }
}
