package io.linkcast.model.nat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.eval.BinaryMetrics;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.compact.StatePrecision;
import io.linkcast.state.nat.NatNodeState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Trains NAT (nat-spec.md §4) with the same engine and the same model code that serve it (architecture
 * contract 5): every epoch resets the state, runs the training stream through a {@link MicroBatchEngine}
 * over an in-memory store with a gradient-recording wave step ({@link NatWaveRunner}), takes one Adam step
 * per batch, then continues from the end-of-training state over the validation stream (no gradients,
 * negatives scored read-only) and measures the global average precision. Stops after {@code patience}
 * epochs without a relative AP gain above {@code tolerance} and keeps the weights of the epoch with the best
 * validation AP ({@link EarlyStopping}).
 *
 * <p>Deterministic for a seed: weights, negatives and dropout are drawn from it (dropout uses the engine's
 * generator, which {@link #fit} seeds; do not train two models at once in one JVM). The model trains on
 * records at the precision it is then to be served at ({@code precision}).
 */
public final class NatTrainer {
    private final NatConfig config;
    private final NatTrainingConfig training;
    private final Device device;
    private final StatePrecision precision;

    public NatTrainer(NatConfig config, NatTrainingConfig training, Device device, StatePrecision precision) {
        this.config = Objects.requireNonNull(config, "config");
        this.training = Objects.requireNonNull(training, "training");
        this.device = Objects.requireNonNull(device, "device");
        this.precision = Objects.requireNonNull(precision, "precision");
    }

    /**
     * Trains on {@code train} (stream order) and early-stops on {@code validation} (the events right after
     * it; may be empty, then every epoch runs and the last one is kept).
     */
    public NatTrainingResult fit(List<SequencedEvent> train, List<SequencedEvent> validation) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training events");
        }
        NatNetwork network = NatNetwork.create(config, training.seed(), device);
        try {
            return fit(network, train, validation);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private NatTrainingResult fit(NatNetwork network, List<SequencedEvent> train, List<SequencedEvent> validation) {
        network.manager().getEngine().setRandomSeed((int) training.seed());
        NatModel model = new NatModel(network, "training", InferenceBackend.DJL, precision);
        InMemoryNodeStateStore<NatNodeState> store = new InMemoryNodeStateStore<>();
        MicroBatchEngine<NatNodeState> engine = new MicroBatchEngine<>(model, store);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) training.learningRate()))
                .build();
        BatchStep step = training.semantics() == NatTrainingConfig.BatchSemantics.SEQUENTIAL
                ? new SequentialBatchStep(engine, model)
                : new ReadsBeforeWritesBatchStep(model, store);

        List<NatTrainingResult.Epoch> epochs = new ArrayList<>();
        Map<String, float[]> best = null;
        int bestEpoch = 0;
        EarlyStopping stopping = new EarlyStopping(training.patience(), training.tolerance());
        for (int epoch = 1; epoch <= training.maxEpochs(); epoch++) {
            store.clear();
            DestinationPool pool = new DestinationPool(training.seed() * 31 + epoch);
            if (training.negatives() == NatTrainingConfig.NegativePool.SPLIT) {
                pool.addAll(train);
            }
            double lossSum = 0;
            long waves = 0;
            long start = System.nanoTime();
            try (ProgressBar bar = progressBar("epoch " + epoch, train.size())) {
                for (int i = 0; i < train.size(); i += training.batchSize()) {
                    List<SequencedEvent> batch = train.subList(i, Math.min(train.size(), i + training.batchSize()));
                    long[] negatives = pool.negativesFor(batch);
                    NatWaveRunner runner;
                    try (GradientCollector gc = network.manager().getEngine().newGradientCollector()) {
                        runner = step.run(batch, negatives, gc);
                    }
                    update(adam, network);
                    lossSum += runner.lossSum();
                    waves += runner.waves();
                    if (bar != null) {
                        bar.stepBy(batch.size());
                        bar.setExtraMessage(String.format(" loss %.4f", lossSum / (i + batch.size())));
                    }
                }
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            double ap = validate(engine, model, train, validation);
            double valSeconds = (System.nanoTime() - start) / 1e9;
            epochs.add(new NatTrainingResult.Epoch(epoch, lossSum / train.size(), ap, trainSeconds, valSeconds,
                    waves));

            EarlyStopping.Verdict verdict = stopping.observe(ap);
            if (verdict.keep()) {
                best = network.copyParameters();
                bestEpoch = epoch;
            }
            if (verdict.stop()) {
                break;
            }
        }
        network.restoreParameters(best);
        return new NatTrainingResult(network, epochs, bestEpoch);
    }

    /** Continues from the end-of-training state; negatives come from a fixed generator, so epochs compare. */
    private double validate(MicroBatchEngine<NatNodeState> engine, NatModel model, List<SequencedEvent> train,
            List<SequencedEvent> validation) {
        if (validation.isEmpty()) {
            return Double.NaN;
        }
        DestinationPool pool = new DestinationPool(training.seed() ^ 0x76616C69646174L);
        pool.addAll(train);
        if (training.negatives() == NatTrainingConfig.NegativePool.SPLIT) {
            pool.addAll(validation);
        }
        List<Float> scores = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int i = 0; i < validation.size(); i += training.batchSize()) {
            List<SequencedEvent> batch = validation.subList(i, Math.min(validation.size(), i + training.batchSize()));
            NatWaveRunner runner = new NatWaveRunner(model, null, 1);
            engine.process(batch, queries(batch, pool.negativesFor(batch)), runner);
            for (float s : runner.positiveScores()) {
                scores.add(s);
                labels.add(true);
            }
            for (float s : runner.negativeScores()) {
                scores.add(s);
                labels.add(false);
            }
        }
        double[] s = new double[scores.size()];
        boolean[] l = new boolean[scores.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
            l[i] = labels.get(i);
        }
        return BinaryMetrics.averagePrecision(s, l);
    }

    /** (src_i, negatives[i], t_i) for each event i of the batch. */
    private static List<Query> queries(List<SequencedEvent> batch, long[] negatives) {
        List<Query> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(new Query(batch.get(i).event().src(), negatives[i], batch.get(i).event().t()));
        }
        return out;
    }

    private static void update(Optimizer adam, NatNetwork network) {
        for (Map.Entry<String, Parameter> e : network.block().parametersByName().entrySet()) {
            NDArray weight = e.getValue().getArray();
            NDArray grad = weight.getGradient();
            adam.update(e.getKey(), weight, grad);
            grad.subi(grad);
        }
    }

    private ProgressBar progressBar(String task, long events) {
        if (!training.progress()) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(events).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate().showSpeed().setUnit(" ev", 1).build();
    }

    /** Runs one training batch and back-propagates its loss into {@code gc}. */
    private interface BatchStep {
        NatWaveRunner run(List<SequencedEvent> batch, long[] negatives, GradientCollector gc);
    }

    /** The serving semantics: the engine's waves, each event seeing every earlier one. */
    private final class SequentialBatchStep implements BatchStep {
        private final MicroBatchEngine<NatNodeState> engine;
        private final NatModel model;

        SequentialBatchStep(MicroBatchEngine<NatNodeState> engine, NatModel model) {
            this.engine = engine;
            this.model = model;
        }

        @Override
        public NatWaveRunner run(List<SequencedEvent> batch, long[] negatives, GradientCollector gc) {
            NatWaveRunner runner = new NatWaveRunner(model, gc, batch.size());
            engine.process(batch, queries(batch, negatives), runner);
            return runner;
        }
    }

    /**
     * NAT's original batches ({@link NatTrainingConfig.BatchSemantics#READS_BEFORE_WRITES}): one step for the
     * whole batch, every event reading the state from before the batch; the writes are then applied in stream
     * order (a node in several events keeps the last self representation and previous event, replacement is
     * decided against the state before the batch). Bypasses the engine's waves on purpose.
     */
    private static final class ReadsBeforeWritesBatchStep implements BatchStep {
        private final NatModel model;
        private final InMemoryNodeStateStore<NatNodeState> store;

        ReadsBeforeWritesBatchStep(NatModel model, InMemoryNodeStateStore<NatNodeState> store) {
            this.model = model;
            this.store = store;
        }

        @Override
        public NatWaveRunner run(List<SequencedEvent> batch, long[] negatives, GradientCollector gc) {
            Map<Long, NatNodeState> before = new LinkedHashMap<>();
            List<NatNodeState> src = new ArrayList<>(batch.size());
            List<NatNodeState> dst = new ArrayList<>(batch.size());
            for (SequencedEvent e : batch) {
                src.add(before.computeIfAbsent(e.event().src(), this::stored));
                dst.add(before.computeIfAbsent(e.event().dst(), this::stored));
            }
            // the negatives read the state before the batch too
            List<NatNodeState> negativeStates = new ArrayList<>(batch.size());
            for (long w : negatives) {
                negativeStates.add(before.containsKey(w) ? before.get(w) : stored(w));
            }
            NatWaveRunner runner = new NatWaveRunner(model, gc, batch.size());
            Map<Long, NatNodeState> current = new LinkedHashMap<>(before);
            runner.runReadsBeforeWrites(new Wave<>(batch, src, dst), negativeStates, current);
            long[] ids = current.keySet().stream().mapToLong(Long::longValue).toArray();
            store.putAll(ids, new ArrayList<>(current.values()));
            return runner;
        }

        private NatNodeState stored(long node) {
            NatNodeState s = store.getAll(new long[] {node}).get(0);
            return s != null ? s : model.emptyState(node);
        }
    }
}
