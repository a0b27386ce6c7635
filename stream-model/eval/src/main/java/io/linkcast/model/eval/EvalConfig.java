package io.linkcast.model.eval;

/**
 * Settings of one evaluation run.
 *
 * @param batchSize events per micro-batch, an execution detail: every score is the same whatever the size
 *     (see {@link ModelEvaluator})
 * @param seed seed of every random draw (negatives, ranking sample, inductive mask)
 * @param rankingSample number of test events that get a 100-negative ranking query (0 = no ranking);
 *     a seeded uniform sample, to bound the cost
 * @param rankingNegatives negatives per ranking query, random and historical each (TGB: 100)
 * @param progress whether to draw a progress bar on standard error
 */
public record EvalConfig(int batchSize, long seed, int rankingSample, int rankingNegatives, boolean progress) {
    public static final int DEFAULT_BATCH = 200;
    public static final int DEFAULT_RANKING_SAMPLE = 2000;
    public static final int DEFAULT_RANKING_NEGATIVES = 100;
    /** NAT's per-batch metrics average over consecutive batches of this many positives. */
    public static final int METRIC_BATCH = 32;

    public EvalConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (rankingSample < 0) {
            throw new IllegalArgumentException("rankingSample must be >= 0, got " + rankingSample);
        }
        if (rankingNegatives < 1) {
            throw new IllegalArgumentException("rankingNegatives must be >= 1, got " + rankingNegatives);
        }
    }

    public static EvalConfig defaults(long seed) {
        return new EvalConfig(DEFAULT_BATCH, seed, DEFAULT_RANKING_SAMPLE, DEFAULT_RANKING_NEGATIVES, false);
    }

    public EvalConfig withSeed(long newSeed) {
        return new EvalConfig(batchSize, newSeed, rankingSample, rankingNegatives, progress);
    }
}
