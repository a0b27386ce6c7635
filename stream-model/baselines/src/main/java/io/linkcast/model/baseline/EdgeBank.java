package io.linkcast.model.baseline;

/**
 * EdgeBank's rule (Poursafaei et al., NeurIPS 2022): a pair u → v scores by how long ago u last sent to v, read
 * from u's own memory of its destinations. The one place that says how a remembered edge turns into a score, for
 * both memories that use it: the literature's unlimited one ({@link EdgeBankModel}, eval only) and the served
 * yardstick's bounded partner list ({@link BaselineModel}), which must stay bounded because it is node state.
 *
 * <p>A pair never seen has no EdgeBank score ({@link Double#NaN}): the literature scores it 0, the yardstick ranks
 * it by the destination's activity, below every seen pair.
 */
public final class EdgeBank {
    private final double window;
    private final double recency;

    private EdgeBank(double window, double recency) {
        this.window = window;
        this.recency = recency;
    }

    /**
     * The literature's rule: 1 for an edge seen within the last {@code seconds}, 0 after that (EdgeBank_tw;
     * {@code +infinity} is the unlimited EdgeBank).
     */
    public static EdgeBank window(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("window must be >= 0 seconds (or +infinity), got " + seconds);
        }
        return new EdgeBank(seconds, Double.NaN);
    }

    /** The yardstick's rule: 0.5 + 0.5·exp(−Δt / {@code seconds}), so any seen pair scores above 0.5. */
    public static EdgeBank recency(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("recency must be > 0 seconds and finite, got " + seconds);
        }
        return new EdgeBank(Double.NaN, seconds);
    }

    /**
     * The score at time {@code t} of an edge last seen at {@code lastTime}, or NaN when it was never seen
     * ({@code lastTime} NaN). A late event (t before lastTime) counts as Δt = 0.
     */
    public double score(double lastTime, double t) {
        if (Double.isNaN(lastTime)) {
            return Double.NaN;
        }
        double dt = Math.max(0.0, t - lastTime);
        if (Double.isNaN(recency)) {
            return dt <= window ? 1.0 : 0.0;
        }
        return 0.5 + 0.5 * Math.exp(-dt / recency);
    }
}
