package io.linkcast.model.baseline;

/**
 * EdgeBank's rule (Poursafaei et al., NeurIPS 2022): a pair u → v scores by how long ago u last sent to v, read
 * from u's own memory of its destinations. The one place that says how a remembered edge turns into a score, for
 * both memories that use it: the literature's unlimited one ({@link EdgeBankModel}, eval only) and the served
 * yardstick's bounded partner list ({@link BaselineModel}), which must stay bounded because it is node state.
 *
 * <p>A pair never seen has no EdgeBank score ({@link Double#NaN}): the literature scores it 0, the yardstick ranks
 * it by the destination's activity, below every seen pair. A late event (t before the last time) counts as Δt = 0.
 */
public sealed interface EdgeBank permits EdgeBank.Window, EdgeBank.Recency {

    /** The literature's rule over the last {@code seconds} ({@code +infinity}: the unlimited EdgeBank). */
    static Window window(double seconds) {
        return new Window(seconds);
    }

    /** The yardstick's rule with time scale {@code seconds}. */
    static Recency recency(double seconds) {
        return new Recency(seconds);
    }

    /** The score at time {@code t} of an edge last seen at {@code lastTime}; NaN when never seen (NaN lastTime). */
    double score(double lastTime, double t);

    /** 1 for an edge seen within the last {@code seconds}, 0 after that (EdgeBank_tw; infinite: unlimited). */
    record Window(double seconds) implements EdgeBank {
        public Window {
            if (!(seconds >= 0)) {
                throw new IllegalArgumentException("window must be >= 0 seconds (or +infinity), got " + seconds);
            }
        }

        @Override
        public double score(double lastTime, double t) {
            return Double.isNaN(lastTime) ? Double.NaN : Math.max(0.0, t - lastTime) <= seconds ? 1.0 : 0.0;
        }
    }

    /** 0.5 + 0.5·exp(−Δt / {@code seconds}), so that any seen pair scores above every unseen one's 0.5·n/(n+10). */
    record Recency(double seconds) implements EdgeBank {
        public Recency {
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("recency must be > 0 seconds and finite, got " + seconds);
            }
        }

        @Override
        public double score(double lastTime, double t) {
            return Double.isNaN(lastTime) ? Double.NaN : 0.5 + 0.5 * Math.exp(-Math.max(0.0, t - lastTime) / seconds);
        }
    }
}
