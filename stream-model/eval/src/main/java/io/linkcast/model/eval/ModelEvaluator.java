package io.linkcast.model.eval;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.state.InMemoryNodeStateStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evaluation driver: runs any {@link StreamModel} through the {@link MicroBatchEngine} over an
 * {@link InMemoryNodeStateStore}, exactly as the stream application serves it, and measures it on a
 * {@link Split} (evaluation.md).
 *
 * <p>Order of work:
 * <ol>
 *   <li>process {@code train} (predictions discarded);
 *   <li>for each micro-batch of {@code val}: process it with its link negatives; collect link scores and sign
 *       predictions (the sign threshold is chosen here, maximising macro-F1);
 *   <li>transductive: continue on the same state; inductive: start from an empty state and process
 *       {@code testReplay};
 *   <li>for each micro-batch of {@code test}: process it with its link negatives, scoring the ranking queries
 *       of its sampled events just before them; collect everything.
 * </ol>
 *
 * <p><b>One scoring path, sequential.</b> Events and their link negatives go through
 * {@link MicroBatchEngine#process(List, List)}, as the service runs them: each negative (u, w, t) is scored in
 * its event's wave from the states just before the event, so every score is the one that processing the events
 * one at a time gives, and the batch size changes nothing (architecture contract 3; issue 14). A sampled
 * ranking event cuts its batch: the events before it are processed, then its candidates, the true destination
 * among them, are scored read-only from the state just before it, so the rank compares like with like. The
 * historical candidates of an event are every destination its source reached earlier in the stream, minus
 * those at its own time.
 *
 * <p>The 100-negative ranking is run for a seeded uniform sample of {@link EvalConfig#rankingSample()}
 * test events (201 read-only scores each), not for every test event, to bound its cost; the sample and
 * all negatives are fixed by the seed ({@link EventHash}).
 */
public final class ModelEvaluator {
    /** Queries per read-only score call; the state does not change between chunks. */
    private static final int SCORE_CHUNK = 8192;

    private final EvalConfig config;

    public ModelEvaluator(EvalConfig config) {
        this.config = config;
    }

    /** Evaluates {@code model} on {@code split}; {@code name} labels the result and the progress bar. */
    public EvalResult evaluate(String name, StreamModel<?> model, Split split) {
        return run(name, model, split);
    }

    private <S> EvalResult run(String name, StreamModel<S> model, Split split) {
        long start = System.nanoTime();
        if (split.events().isEmpty()) {
            throw new IllegalArgumentException("split has no events");
        }
        Capabilities can = Capabilities.probe(model, split.events().get(0).event());
        boolean signed = split.test().stream().anyMatch(e -> e.event().hasSign());
        boolean weighted = split.test().stream().anyMatch(e -> e.event().hasWeight());
        long total = (long) split.train().size() + split.val().size() + split.testReplay().size()
                + split.test().size();
        Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
        ScoredSample linkTest = null;
        ScoredSample signTest = null;
        try (Progress progress = Progress.of(config.progress(), name, total)) {
            MicroBatchEngine<S> engine = new MicroBatchEngine<>(model, new InMemoryNodeStateStore<>());
            replay(engine, split.train(), progress);

            Collected val = new Collected();
            LinkNegativeSampler valNegatives = can.link && !split.val().isEmpty()
                    ? new LinkNegativeSampler(split.destinationPool(Split.Part.VAL), config.seed()) : null;
            for (List<SequencedEvent> batch : batches(split.val())) {
                runBatch(engine, batch, valNegatives, null, val);
                progress.stepBy(batch.size());
            }

            if (split.protocol() == Protocol.INDUCTIVE) {
                engine = new MicroBatchEngine<>(model, new InMemoryNodeStateStore<>());
                replay(engine, split.testReplay(), progress);
            }
            Collected test = new Collected();
            RankingContext ranking = can.link && config.rankingSample() > 0 && !split.test().isEmpty()
                    ? new RankingContext(split) : null;
            LinkNegativeSampler testNegatives = can.link && !split.test().isEmpty()
                    ? new LinkNegativeSampler(split.destinationPool(Split.Part.TEST), config.seed()) : null;
            for (List<SequencedEvent> batch : batches(split.test())) {
                runBatch(engine, batch, testNegatives, ranking, test);
                progress.stepBy(batch.size());
            }

            if (can.link) {
                linkTest = linkMetrics(val, test, metrics);
            }
            if (ranking != null) {
                rankingMetrics(test, metrics);
            }
            if (can.sign && signed) {
                signTest = signMetrics(val, test, metrics);
            }
            if (can.weight && weighted) {
                weightMetrics(split, test, metrics);
            }
        }
        return new EvalResult(name, config.seed(), split.sizes(), metrics, linkTest, signTest,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Processes {@code events} on {@code engine} (its state advances), in micro-batches of the configured size,
     * each event with its link negative, exactly as the validation and test passes of {@link #evaluate} do. For a
     * trainer's per-epoch validation on its own engine.
     *
     * @return the positives' pLink followed by their negatives' pLink, aligned (positive i, negative i)
     */
    public <S> ScoredSample processAndScore(MicroBatchEngine<S> engine, List<SequencedEvent> events,
            LinkNegativeSampler negatives) {
        Collected c = new Collected();
        for (List<SequencedEvent> batch : batches(events)) {
            runBatch(engine, batch, negatives, null, c);
        }
        return BinaryMetrics.concat(c.pos.toArray(), c.neg.toArray());
    }

    private <S> void replay(MicroBatchEngine<S> engine, List<SequencedEvent> events, Progress progress) {
        for (List<SequencedEvent> batch : batches(events)) {
            engine.process(batch);
            progress.stepBy(batch.size());
        }
    }

    /**
     * One micro-batch: its events and their link negatives through {@link MicroBatchEngine#process(List, List)},
     * as the service runs them. A sampled ranking event cuts the batch: the events before it are processed, then
     * its candidates are scored read-only from exactly the state before it.
     */
    private <S> void runBatch(MicroBatchEngine<S> engine, List<SequencedEvent> batch,
            LinkNegativeSampler negatives, RankingContext ranking, Collected out) {
        int from = 0;
        for (int i = 0; i < batch.size(); i++) {
            SequencedEvent e = batch.get(i);
            if (ranking != null) {
                if (ranking.sampled.contains(e.seq())) {
                    processPart(engine, batch.subList(from, i), negatives, out);
                    from = i;
                    rank(engine, ranking.query(e), e, out);
                }
                // the history of destinations is data, not model state: it is exact up to each event
                ranking.history.observe(e.event());
            }
        }
        processPart(engine, batch.subList(from, batch.size()), negatives, out);
    }

    private static <S> void processPart(MicroBatchEngine<S> engine, List<SequencedEvent> events,
            LinkNegativeSampler negatives, Collected out) {
        if (events.isEmpty()) {
            return;
        }
        List<Query> queries = new ArrayList<>();
        if (negatives != null) {
            for (SequencedEvent e : events) {
                queries.add(new Query(e.event().src(), negatives.negative(e.seq()), e.event().t()));
            }
        }
        MicroBatchEngine.BatchResult r = engine.process(events, queries);
        for (int i = 0; i < events.size(); i++) {
            Interaction ev = events.get(i).event();
            ModelOutput o = r.outputs().get(i);
            if (negatives != null) {
                out.pos.add(o.pLink());
                out.neg.add(r.links().get(i).pLink());
            }
            if (ev.hasSign()) {
                out.signP.add(o.pPositive());
                out.signY.add(ev.sign() > 0);
            }
            if (ev.hasWeight()) {
                out.weightP.add(o.weight());
                out.weightY.add(ev.weight());
            }
        }
    }

    /** The ranks of {@code e}'s true destination among its random and its historical candidates. */
    private static <S> void rank(MicroBatchEngine<S> engine, RankingQuery rq, SequencedEvent e, Collected out) {
        List<Query> queries = new ArrayList<>();
        rq.addQueries(e.event(), queries);
        List<ModelOutput> scored = scoreChunked(engine, queries);
        out.randomRanks.add(rq.rank(scored, 0, rq.randomCount));
        out.historicalRanks.add(rq.rank(scored, rq.randomCount, rq.historicalCount));
    }

    private static <S> List<ModelOutput> scoreChunked(MicroBatchEngine<S> engine, List<Query> queries) {
        if (queries.size() <= SCORE_CHUNK) {
            return queries.isEmpty() ? List.of() : engine.score(queries);
        }
        List<ModelOutput> all = new ArrayList<>(queries.size());
        for (int s = 0; s < queries.size(); s += SCORE_CHUNK) {
            all.addAll(engine.score(queries.subList(s, Math.min(queries.size(), s + SCORE_CHUNK))));
        }
        return all;
    }

    private List<List<SequencedEvent>> batches(List<SequencedEvent> events) {
        List<List<SequencedEvent>> out = new ArrayList<>();
        for (int s = 0; s < events.size(); s += config.batchSize()) {
            out.add(events.subList(s, Math.min(events.size(), s + config.batchSize())));
        }
        return out;
    }

    private static ScoredSample linkMetrics(Collected val, Collected test, Map<Metric, Double> metrics) {
        if (val.pos.size() > 0) {
            ScoredSample v = BinaryMetrics.concat(val.pos.toArray(), val.neg.toArray());
            metrics.put(Metric.VAL_LINK_AP, v.averagePrecision());
            metrics.put(Metric.VAL_LINK_AUC, v.rocAuc());
        }
        if (test.pos.size() == 0) {
            return null;
        }
        double[] pos = test.pos.toArray();
        double[] neg = test.neg.toArray();
        ScoredSample all = BinaryMetrics.concat(pos, neg);
        metrics.put(Metric.LINK_AP, all.averagePrecision());
        metrics.put(Metric.LINK_AUC, all.rocAuc());
        double[] perBatch = BinaryMetrics.perBatchMean(pos, neg, EvalConfig.METRIC_BATCH);
        metrics.put(Metric.LINK_AP_BATCH, perBatch[0]);
        metrics.put(Metric.LINK_AUC_BATCH, perBatch[1]);
        return all;
    }

    private static void rankingMetrics(Collected test, Map<Metric, Double> metrics) {
        double[] random = test.randomRanks.toArray();
        double[] hist = test.historicalRanks.toArray();
        metrics.put(Metric.RANK_RANDOM_MRR, RankingMetrics.mrr(random));
        metrics.put(Metric.RANK_RANDOM_HITS10, RankingMetrics.hitsAt(random, 10));
        metrics.put(Metric.RANK_HIST_MRR, RankingMetrics.mrr(hist));
        metrics.put(Metric.RANK_HIST_HITS10, RankingMetrics.hitsAt(hist, 10));
        metrics.put(Metric.RANK_QUERIES, (double) random.length);
    }

    /** Threshold from validation (0.5 if validation has no signed event), metrics on test. */
    private static ScoredSample signMetrics(Collected val, Collected test, Map<Metric, Double> metrics) {
        double[] vp = val.signP.toArray();
        boolean[] vy = val.signY.toArray();
        double threshold = vp.length > 0 ? SignMetrics.bestMacroF1Threshold(vp, vy) : 0.5;
        if (vp.length > 0) {
            metrics.put(Metric.VAL_SIGN_MACRO_F1, SignMetrics.macroF1(vp, vy, threshold));
        }
        double[] p = test.signP.toArray();
        boolean[] y = test.signY.toArray();
        metrics.put(Metric.SIGN_AUC, SignMetrics.rocAuc(p, y));
        metrics.put(Metric.SIGN_MACRO_F1, SignMetrics.macroF1(p, y, threshold));
        metrics.put(Metric.SIGN_F1_NEG, SignMetrics.f1Negative(p, y, threshold));
        metrics.put(Metric.SIGN_PRAUC_NEG, SignMetrics.prAucNegative(p, y));
        metrics.put(Metric.SIGN_THRESHOLD, threshold);
        return new ScoredSample(p, y);
    }

    /** RMSE and Pearson r on test, against the mean weight of the training split. */
    private static void weightMetrics(Split split, Collected test, Map<Metric, Double> metrics) {
        double[] p = test.weightP.toArray();
        double[] y = test.weightY.toArray();
        double trainMean = split.train().stream().filter(e -> e.event().hasWeight())
                .mapToDouble(e -> e.event().weight()).average().orElse(0);
        metrics.put(Metric.WEIGHT_RMSE, RegressionMetrics.rmse(p, y));
        metrics.put(Metric.WEIGHT_PEARSON, RegressionMetrics.pearson(p, y));
        metrics.put(Metric.WEIGHT_RMSE_MEAN, RegressionMetrics.rmseOfConstant(trainMean, y));
    }

    /** What the model predicts, from one read-only call on empty states (NaN = not predicted). */
    private record Capabilities(boolean link, boolean sign, boolean weight) {
        static <S> Capabilities probe(StreamModel<S> model, Interaction e) {
            ModelOutput o = model.score(List.of(new Query(e.src(), e.dst(), e.t())),
                    List.of(model.emptyState(e.src())), List.of(model.emptyState(e.dst()))).get(0);
            return new Capabilities(!Float.isNaN(o.pLink()), !Float.isNaN(o.pPositive()),
                    !Float.isNaN(o.weight()));
        }
    }

    /** Everything collected over one part of the split. */
    private static final class Collected {
        final DoubleList pos = new DoubleList();
        final DoubleList neg = new DoubleList();
        final DoubleList signP = new DoubleList();
        final BooleanList signY = new BooleanList();
        final DoubleList weightP = new DoubleList();
        final DoubleList weightY = new DoubleList();
        final DoubleList randomRanks = new DoubleList();
        final DoubleList historicalRanks = new DoubleList();
    }

    /** The ranking sample, the samplers and the destination history for the test part. */
    private final class RankingContext {
        final Set<Long> sampled;
        final DestinationHistory history = new DestinationHistory();
        final RankingNegativeSampler sampler;
        final Map<SourceTime, Set<Long>> trueAtTime = new HashMap<>();

        RankingContext(Split split) {
            long seed = config.seed();
            List<SequencedEvent> test = split.test();
            Long[] seqs = test.stream().map(SequencedEvent::seq).toArray(Long[]::new);
            Arrays.sort(seqs, Comparator.comparingLong((Long s) -> EventHash.mix(seed, EventHash.RANKING_SAMPLE, s, 0))
                    .thenComparingLong(Long::longValue));
            sampled = new HashSet<>(Arrays.asList(seqs).subList(0, Math.min(seqs.length, config.rankingSample())));
            sampler = new RankingNegativeSampler(split.destinationPool(Split.Part.TEST), seed,
                    config.rankingNegatives());
            List<SequencedEvent> before = split.protocol() == Protocol.INDUCTIVE ? split.testReplay()
                    : split.events().subList(0, (int) test.get(0).seq());
            before.forEach(e -> history.observe(e.event()));
            for (SequencedEvent e : test) {
                if (sampled.contains(e.seq())) {
                    trueAtTime.put(new SourceTime(e.event().src(), e.event().t()), new HashSet<>());
                }
            }
            // true edges at the query time come from the whole dataset (in the inductive protocol, test events
            // without a masked node are real edges too, though they are not evaluated)
            for (SequencedEvent e : split.events()) {
                Set<Long> dsts = trueAtTime.get(new SourceTime(e.event().src(), e.event().t()));
                if (dsts != null) {
                    dsts.add(e.event().dst());
                }
            }
        }

        RankingQuery query(SequencedEvent e) {
            Set<Long> excluded = trueAtTime.get(new SourceTime(e.event().src(), e.event().t()));
            long[] random = sampler.random(e.seq(), excluded);
            long[] historical = sampler.historical(e.seq(), history.of(e.event().src()), excluded);
            return new RankingQuery(random, historical);
        }
    }

    private record SourceTime(long src, double t) {
    }

    /** One ranking query, laid out in its score list as the true destination, the random negatives, the historical. */
    private static final class RankingQuery {
        final long[] random;
        final long[] historical;
        final int randomCount;
        final int historicalCount;

        RankingQuery(long[] random, long[] historical) {
            this.random = random;
            this.historical = historical;
            this.randomCount = random.length;
            this.historicalCount = historical.length;
        }

        void addQueries(Interaction e, List<Query> queries) {
            queries.add(new Query(e.src(), e.dst(), e.t()));
            for (long w : random) {
                queries.add(new Query(e.src(), w, e.t()));
            }
            for (long w : historical) {
                queries.add(new Query(e.src(), w, e.t()));
            }
        }

        /** Rank of the true destination among the {@code n} negatives starting {@code skip} after it. */
        double rank(List<ModelOutput> scored, int skip, int n) {
            double truth = scored.get(0).pLink();
            double[] negs = new double[n];
            for (int k = 0; k < n; k++) {
                negs[k] = scored.get(1 + skip + k).pLink();
            }
            return RankingMetrics.rank(truth, negs);
        }
    }
}
