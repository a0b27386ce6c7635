package io.linkcast.model.semba;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.ScoredWave;
import io.linkcast.model.engine.ScoringWaveStep;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.model.engine.WaveStep;
import io.linkcast.model.eval.SignMetrics;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.compact.StatePrecision;
import io.linkcast.state.semba.SembaNodeState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link SembaModel} by running the same {@link MicroBatchEngine} as serving over an
 * {@link InMemoryNodeStateStore}, with a gradient-recording wave step (architecture contract 5).
 *
 * <p>Each epoch starts from empty node state (spec section 5), streams the training events in order in
 * micro-batches of {@code batchSize}, and takes one Adam step per micro-batch on the mean loss of its events.
 * Gradients flow through the current wave only: the stored records are plain floats (detached), and the GRU
 * step that folds each endpoint's pending message is inside the wave's graph. The state then runs on through
 * the validation events with the serving step; the validation loss decides early stopping, and the parameters
 * of the best epoch are kept. Link and signed-link training score one sampled non-edge per event
 * ({@link NonEdgeSampler}), drawn in stream order and scored in its event's wave from its record just before
 * the event, as eval and serving score negatives ({@link MicroBatchEngine#process(List, List,
 * io.linkcast.model.engine.ScoringWaveStep)}), so the batch size changes no draw and no score.
 *
 * <p>Deterministic for a seed: initial parameters, non-edges and the order of work depend on nothing else.
 * The model trains on records at the precision it is then to be served at ({@code precision}).
 */
public final class SembaTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SembaTrainer.class);

    private final SembaConfig config;
    private final SembaTrainingConfig training;
    private final StatePrecision precision;

    public SembaTrainer(SembaConfig config, SembaTrainingConfig training, StatePrecision precision) {
        this.config = Objects.requireNonNull(config, "config");
        this.training = Objects.requireNonNull(training, "training");
        this.precision = Objects.requireNonNull(precision, "precision");
    }

    /** A trained model (close it) and what the run measured. */
    public record Result(SembaModel model, SembaTrainingMetrics metrics) {
    }

    /**
     * Trains on {@code train} and early-stops on {@code validation}, which follows it in the stream.
     *
     * @throws IllegalArgumentException if either list is empty
     */
    public Result train(List<SequencedEvent> train, List<SequencedEvent> validation) {
        if (train.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException("need training and validation events, got " + train.size() + " and "
                    + validation.size());
        }
        long started = System.nanoTime();
        SembaModel model = SembaModel.initialise(config, training.seed(), InferenceBackend.DJL, precision);
        try {
            model.parameters().attachGradients();
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) training.learningRate()))
                    .optWeightDecays((float) training.weightDecay()).build();
            SembaLoss loss = SembaLoss.fromTraining(config, train, training.balanceClasses());
            InMemoryNodeStateStore<SembaNodeState> store = new InMemoryNodeStateStore<>();
            MicroBatchEngine<SembaNodeState> engine = new MicroBatchEngine<>(model, store);

            List<Double> trainLosses = new ArrayList<>();
            List<Double> validationLosses = new ArrayList<>();
            Map<String, float[]> best = null;
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            for (int epoch = 1; epoch <= training.epochs(); epoch++) {
                store.clear();
                NonEdgeSampler sampler = new NonEdgeSampler(training.seed(), epoch);
                double trainLoss = trainEpoch(model, engine, adam, loss, sampler, train, epoch);
                double validationLoss = validate(engine, loss, sampler, validation);
                trainLosses.add(trainLoss);
                validationLosses.add(validationLoss);
                LOG.info(String.format(Locale.ROOT, "SEMBA %s epoch %d: train loss %.5f, validation loss %.5f",
                        config.variant(), epoch, trainLoss, validationLoss));
                if (validationLoss < bestLoss) {
                    bestLoss = validationLoss;
                    bestEpoch = epoch;
                    best = model.parameters().copyValues();
                } else if (epoch - bestEpoch >= training.patience()) {
                    break;
                }
            }
            if (best == null) {
                throw new IllegalStateException("validation loss was never finite: " + validationLosses);
            }
            model.parameters().restoreValues(best);
            model.refreshInfo();
            Map<String, Double> metrics = validationMetrics(model, train, validation);
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result(model, new SembaTrainingMetrics(training, train.size(), validation.size(),
                    loss.classWeights(), trainLosses, validationLosses, bestEpoch, metrics, seconds));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private double trainEpoch(SembaModel model, MicroBatchEngine<SembaNodeState> engine, Optimizer adam,
            SembaLoss loss, NonEdgeSampler sampler, List<SequencedEvent> train, int epoch) {
        double lossSum = 0;
        long lossCount = 0;
        try (ProgressBar bar = progress("epoch " + epoch + "/" + training.epochs(), train.size())) {
            for (int from = 0; from < train.size(); from += training.batchSize()) {
                List<SequencedEvent> batch = train.subList(from, Math.min(train.size(), from + training.batchSize()));
                try (NDManager m = model.manager().newSubManager()) {
                    GradientStep step = new GradientStep(model, m, loss);
                    NDArray mean = null;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        if (config.task().needsNegatives()) {
                            engine.process(batch, nonEdges(batch, sampler), step);
                        } else {
                            engine.process(batch, step);
                        }
                        if (step.count > 0) {
                            NDArray total = step.sums.get(0);
                            for (int i = 1; i < step.sums.size(); i++) {
                                total = total.add(step.sums.get(i));
                            }
                            // a tensor of m, not a Java number: the graph keeps the divisor until backward
                            mean = total.mul(m.full(new ai.djl.ndarray.types.Shape(1), 1f / step.count));
                            gc.backward(mean);
                        }
                    }
                    if (mean != null) {
                        model.parameters().update(adam);
                        lossSum += mean.getFloat() * step.count;
                        lossCount += step.count;
                    }
                }
                if (bar != null) {
                    bar.stepBy(batch.size());
                    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum / Math.max(1, lossCount)));
                }
            }
        }
        return lossCount == 0 ? Double.NaN : lossSum / lossCount;
    }

    /** Runs the validation events through the serving step, continuing the training state. */
    private double validate(MicroBatchEngine<SembaNodeState> engine, SembaLoss loss, NonEdgeSampler sampler,
            List<SequencedEvent> validation) {
        SembaLoss.Validation v = loss.new Validation();
        for (int from = 0; from < validation.size(); from += training.batchSize()) {
            List<SequencedEvent> batch = validation.subList(from,
                    Math.min(validation.size(), from + training.batchSize()));
            List<ModelOutput> outputs;
            if (config.task().needsNegatives()) {
                // read-only, each from the state just before its event, as eval and serving score negatives
                List<Query> nonEdges = nonEdges(batch, sampler);
                MicroBatchEngine.BatchResult r = engine.process(batch, nonEdges);
                for (int i = 0; i < batch.size(); i++) {
                    if (isNonEdge(nonEdges.get(i))) {
                        v.nonEdge(r.links().get(i));
                    }
                }
                outputs = r.outputs();
            } else {
                outputs = engine.process(batch);
            }
            for (int i = 0; i < batch.size(); i++) {
                v.event(batch.get(i).event(), outputs.get(i));
            }
        }
        return v.mean();
    }

    /**
     * One non-edge query (u, w, t) per event, drawn in stream order, each from the destinations of the events
     * before it; where none can be drawn, the query (u, u, t), which is not scored ({@link #isNonEdge}).
     */
    private static List<Query> nonEdges(List<SequencedEvent> batch, NonEdgeSampler sampler) {
        List<Query> out = new ArrayList<>(batch.size());
        for (SequencedEvent se : batch) {
            Interaction e = se.event();
            long w = sampler.sample(se.seq(), e.src(), e.dst());
            out.add(new Query(e.src(), w >= 0 ? w : e.src(), e.t()));
            sampler.observe(e.dst());
        }
        return out;
    }

    /** Whether a query of {@link #nonEdges} is a drawn non-edge (a draw is never the source itself). */
    private static boolean isNonEdge(Query q) {
        return q.dst() != q.src();
    }

    /** Replays train then validation from empty state with the kept parameters and scores the validation. */
    private Map<String, Double> validationMetrics(SembaModel model, List<SequencedEvent> train,
            List<SequencedEvent> validation) {
        Map<String, Double> out = new TreeMap<>();
        boolean sign = config.task() == SembaTask.SIGN || config.task() == SembaTask.SIGNLINK;
        if (!sign && config.task() != SembaTask.WEIGHT) {
            return out;
        }
        MicroBatchEngine<SembaNodeState> engine = new MicroBatchEngine<>(model, new InMemoryNodeStateStore<>());
        for (int from = 0; from < train.size(); from += training.batchSize()) {
            engine.process(train.subList(from, Math.min(train.size(), from + training.batchSize())));
        }
        List<Double> p = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        double squared = 0;
        int weighted = 0;
        for (int from = 0; from < validation.size(); from += training.batchSize()) {
            List<SequencedEvent> batch = validation.subList(from,
                    Math.min(validation.size(), from + training.batchSize()));
            List<ModelOutput> outputs = engine.process(batch);
            for (int i = 0; i < batch.size(); i++) {
                Interaction e = batch.get(i).event();
                if (sign && e.hasSign()) {
                    p.add((double) outputs.get(i).pPositive());
                    y.add(e.sign() > 0);
                }
                if (!sign && e.hasWeight()) {
                    double d = outputs.get(i).weight() - e.weight();
                    squared += d * d;
                    weighted++;
                }
            }
        }
        if (sign && !p.isEmpty()) {
            double[] pp = p.stream().mapToDouble(Double::doubleValue).toArray();
            boolean[] yy = new boolean[y.size()];
            for (int i = 0; i < yy.length; i++) {
                yy[i] = y.get(i);
            }
            double threshold = SignMetrics.bestMacroF1Threshold(pp, yy);
            out.put("signRocAuc", SignMetrics.rocAuc(pp, yy));
            out.put("signThreshold", threshold);
            out.put("signMacroF1", SignMetrics.macroF1(pp, yy, threshold));
            out.put("signF1Negative", SignMetrics.f1Negative(pp, yy, threshold));
        }
        if (weighted > 0) {
            out.put("weightRmse", Math.sqrt(squared / weighted));
        }
        return out;
    }

    private ProgressBar progress(String name, int events) {
        if (!training.progress()) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("SEMBA " + name).setInitialMax(events).setUnit(" events", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    /**
     * The trainer's wave step: the model's own computation plus the loss, recorded for one backward pass. With
     * negatives, the engine hands it each non-edge's state just before its event.
     */
    private final class GradientStep implements WaveStep<SembaNodeState>, ScoringWaveStep<SembaNodeState> {
        private final SembaModel model;
        private final NDManager manager;
        private final SembaLoss loss;
        private final List<NDArray> sums = new ArrayList<>();
        private int count;

        GradientStep(SembaModel model, NDManager manager, SembaLoss loss) {
            this.model = model;
            this.manager = manager;
            this.loss = loss;
        }

        @Override
        public WaveOutput<SembaNodeState> apply(Wave<SembaNodeState> wave) {
            return step(wave, List.of());
        }

        @Override
        public ScoredWave<SembaNodeState> apply(Wave<SembaNodeState> wave, List<Query> queries,
                List<SembaNodeState> queryStates) {
            List<SembaPair> nonEdges = new ArrayList<>();
            for (int i = 0; i < wave.size(); i++) {
                Query q = queries.get(i);
                if (isNonEdge(q)) {
                    nonEdges.add(new SembaPair(q.src(), wave.srcStates().get(i), q.dst(), queryStates.get(i), q.t()));
                }
            }
            WaveOutput<SembaNodeState> out = step(wave, nonEdges);
            return new ScoredWave<>(out, Collections.nCopies(wave.size(), ModelOutput.NONE));
        }

        private WaveOutput<SembaNodeState> step(Wave<SembaNodeState> wave, List<SembaPair> nonEdges) {
            SembaModel.Computation c = model.compute(manager, wave, nonEdges);
            SembaLoss.Part part = loss.training(manager, c.logits(), wave.events(), nonEdges.size());
            sums.add(part.sum());
            count += part.count();
            return new WaveOutput<>(model.outputs(c.logits(), wave.size()), c.newSrc(), c.newDst());
        }
    }
}
