package io.linkcast.model.eval;

/** Ranking metrics of one true candidate among sampled negatives (TGB's evaluator). */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * The 1-based rank of the true candidate, ties averaged as in TGB: the mean of the optimistic rank
     * (only strictly higher negatives count) and the pessimistic one (ties count too).
     */
    public static double rank(double positive, double[] negatives) {
        if (Double.isNaN(positive)) {
            throw new IllegalArgumentException("the true candidate's score is NaN");
        }
        int higher = 0;
        int tied = 0;
        for (double s : negatives) {
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("a negative's score is NaN");
            }
            if (s > positive) {
                higher++;
            } else if (s == positive) {
                tied++;
            }
        }
        return 1 + higher + tied / 2.0;
    }

    /** Mean reciprocal rank; NaN for no queries. */
    public static double mrr(double[] ranks) {
        if (ranks.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double r : ranks) {
            s += 1 / r;
        }
        return s / ranks.length;
    }

    /** Fraction of queries whose rank is at most k; NaN for no queries. */
    public static double hitsAt(double[] ranks, int k) {
        if (ranks.length == 0) {
            return Double.NaN;
        }
        int hits = 0;
        for (double r : ranks) {
            if (r <= k) {
                hits++;
            }
        }
        return (double) hits / ranks.length;
    }
}
