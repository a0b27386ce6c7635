/**
 * The evaluation harness of {@code /work/shared/docs/evaluation.md}: chronological splits
 * ({@link io.linkcast.model.eval.Splits}), seeded per-event negatives
 * ({@link io.linkcast.model.eval.LinkNegativeSampler}, {@link io.linkcast.model.eval.RankingNegativeSampler}),
 * metrics, the driver that runs any {@link io.linkcast.model.engine.StreamModel} through the micro-batch engine
 * ({@link io.linkcast.model.eval.ModelEvaluator}), reports and charts, and the {@code eval} command.
 *
 * <p>Protocol summary.
 * <ul>
 *   <li>Splits: events stably sorted by time (file order breaks ties), seq = position in that order;
 *       train {@code t <= q(0.70)}, validation {@code q(0.70) < t <= q(0.85)}, test {@code t > q(0.85)}, numpy's
 *       linear quantile. Inductive: {@code floor(0.1 × nodes)} nodes among those seen after q(0.70) are masked.
 *   <li>Link negatives: one per positive, same source, destination uniform over the destinations seen up to
 *       the split, drawn from {@code hash(seed, seq)}; scored read-only on the state before the positive's
 *       micro-batch (see {@link io.linkcast.model.eval.ModelEvaluator} for the exact deviation from
 *       sequential semantics; {@code --batch 1} removes it).
 *   <li>Ranking: a seeded sample of at most {@code rankingSample} (default 2,000) test events, each ranked
 *       against 100 random and 100 historical negatives (TGB tie rule), to bound the cost (201 read-only
 *       scores per sampled event).
 *   <li>Sign: every signed event is a query; threshold maximising macro-F1 on validation, applied to test.
 *   <li>Weight: RMSE and Pearson r against the mean weight of the training split.
 * </ul>
 */
package io.linkcast.model.eval;
