package io.linkcast.model.semba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.Crew;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.ModelInfo;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.state.StateCodec;
import io.linkcast.state.compact.StatePrecision;
import io.linkcast.state.semba.SembaHistory;
import io.linkcast.state.semba.SembaNeighbour;
import io.linkcast.state.semba.SembaNodeState;
import io.linkcast.state.semba.SembaStateCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SEMBA (Sharma et al., CIKM 2023) as a stream model: signed memories updated by balance theory, an attention
 * embedding over each node's recent signed neighbours, and decoder heads for link existence, sign, signed link
 * (3 classes) and signed weight. See {@link SembaNetwork} for the computation and {@link SembaNodeState} for
 * the per-node record.
 *
 * <p>Semantics: sequential and leak-free. The prediction for an event is computed from the two records before
 * the event; only then does the event enter the records (memories, neighbour lists, counters). A record keeps
 * its memories one event behind: its newest neighbour entry is the pending message, folded in by the GRUs
 * whenever the node is read. Applying event (u, v) to u's record therefore stores u's current memories
 * (pending message folded in), sets their time to the folded event's time, and appends v as the newest
 * neighbour with v's current memories as the snapshot; v likewise. A self-loop appends one entry and counts
 * in both degrees.
 *
 * <p>The prediction fields filled depend on {@link SembaConfig#task()}; the others are NaN. Waves are computed
 * as one batched network call each; predictions and states do not depend on the batch size.
 *
 * <p>With the CPU backend, {@link #step} and {@link #score} run {@link SembaCpuForward} over the same inputs
 * (equal to rounding); the training computation stays on DJL, which records the gradients.
 *
 * <p>The records it makes keep their vectors at the {@link StatePrecision} it was built with; the factories
 * without one build it at {@link StatePrecision#COMPACT}, the default.
 *
 * <p>Thread-safe for concurrent {@link #score} and {@link #step} calls (the parameters are only read); training
 * mutates the parameters and must not run beside serving. Close it to free its native memory.
 */
public final class SembaModel implements StreamModel<SembaNodeState>, AutoCloseable {
    private final NDManager root;
    private final SembaConfig config;
    private final SembaParameters params;
    private final SembaNetwork network;
    private volatile ModelInfo info;
    private final StatePrecision precision;
    private final SembaStateCodec codec;
    /** The resolved inference backend: {@link InferenceBackend#DJL} or {@link InferenceBackend#CPU}. */
    private final InferenceBackend backend;
    /** The CPU backend's layout of the current parameters; null with the DJL backend. */
    private volatile SembaCpuForward cpu;

    private SembaModel(NDManager root, SembaConfig config, SembaParameters params, InferenceBackend backend,
            StatePrecision precision) {
        this.root = root;
        this.config = config;
        this.params = params;
        this.precision = precision;
        this.codec = new SembaStateCodec(precision);
        this.network = new SembaNetwork(config, params);
        this.backend = backend.resolve(root.getDevice().getDeviceType().equals(ai.djl.Device.Type.CPU));
        refreshInfo();
    }

    /**
     * Names the model by its variant and a fingerprint of its parameter values, so two artifacts of one variant
     * (other seeds, other data) never share a name in reports or on predictions. The trainer calls it again once
     * the parameters are final, which also lays them out anew for the CPU backend.
     */
    void refreshInfo() {
        this.info = new ModelInfo("semba", "state-v" + SembaStateCodec.VERSION + ":" + config.variant() + ":"
                + params.fingerprint());
        if (backend == InferenceBackend.CPU) {
            cpu = new SembaCpuForward(config, params);
        }
    }

    /** A new model with parameters drawn from {@code seed}. */
    public static SembaModel initialise(SembaConfig config, long seed) {
        return initialise(config, seed, InferenceBackend.DJL);
    }

    /** A new model with parameters drawn from {@code seed}, inferring with {@code backend}. */
    public static SembaModel initialise(SembaConfig config, long seed, InferenceBackend backend) {
        return initialise(config, seed, backend, StatePrecision.COMPACT);
    }

    /**
     * A new model with parameters drawn from {@code seed}, inferring with {@code backend}, records at
     * {@code precision}.
     */
    public static SembaModel initialise(SembaConfig config, long seed, InferenceBackend backend,
            StatePrecision precision) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(precision, "precision");
        NDManager root = NDManager.newBaseManager();
        return new SembaModel(root, config, SembaParameters.initialise(config, seed, root), backend, precision);
    }

    /** A model with the parameters saved by {@link #saveParameters}, at the default backend and precision. */
    public static SembaModel load(SembaConfig config, InputStream parameters) throws IOException {
        return load(config, parameters, InferenceBackend.AUTO, StatePrecision.COMPACT);
    }

    /**
     * A model with the parameters saved by {@link #saveParameters}, inferring with {@code backend} and keeping its
     * records at {@code precision}.
     */
    public static SembaModel load(SembaConfig config, InputStream parameters, InferenceBackend backend,
            StatePrecision precision) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(precision, "precision");
        NDManager root = NDManager.newBaseManager();
        try {
            return new SembaModel(root, config, SembaParameters.load(config, parameters, root), backend, precision);
        } catch (IOException | RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** Writes the parameters in DJL's encoding ({@link SembaArtifact} adds the config and metrics). */
    public void saveParameters(OutputStream out) throws IOException {
        params.save(out);
    }

    public SembaConfig config() {
        return config;
    }

    /** The backend this model infers with ({@link InferenceBackend#AUTO} resolved). */
    public InferenceBackend backend() {
        return backend;
    }

    /** The precision of the records this model makes. */
    public StatePrecision precision() {
        return precision;
    }

    public SembaParameters parameters() {
        return params;
    }

    NDManager manager() {
        return root;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public StateCodec<SembaNodeState> codec() {
        return codec;
    }

    @Override
    public SembaNodeState emptyState(long node) {
        return SembaNodeState.empty(config.memoryDim(), config.balance());
    }

    @Override
    public boolean predictsLink() {
        return config.task() == SembaTask.LINK || config.task() == SembaTask.SIGNLINK;
    }

    @Override
    public WaveOutput<SembaNodeState> step(Wave<SembaNodeState> wave) {
        return step(wave, Crew.ALONE);
    }

    @Override
    public WaveOutput<SembaNodeState> step(Wave<SembaNodeState> wave, Crew crew) {
        if (backend == InferenceBackend.CPU) {
            SembaInputs in = SembaInputs.of(config, pairs(wave, List.of()));
            SembaCpuForward.Result r = cpu.forward(in, crew);
            NewStates next = newStates(wave, in, r.current());
            return new WaveOutput<>(outputs(r.logits(), wave.size()), next.src(), next.dst());
        }
        try (NDManager m = root.newSubManager()) {
            Computation c = compute(m, wave, List.of());
            return new WaveOutput<>(outputs(c.logits(), wave.size()), c.newSrc(), c.newDst());
        }
    }

    /** The endpoints' recent signed neighbours and the balance of the ones they share ({@link SembaExplanation}). */
    @Override
    public Map<String, Object> explain(Query q, SembaNodeState src, SembaNodeState dst) {
        return SembaExplanation.of(q.src(), src, q.dst(), dst);
    }

    @Override
    public List<ModelOutput> score(List<Query> queries, List<SembaNodeState> srcStates,
            List<SembaNodeState> dstStates) {
        if (queries.size() != srcStates.size() || queries.size() != dstStates.size()) {
            throw new IllegalArgumentException("queries and states differ in size: " + queries.size() + "/"
                    + srcStates.size() + "/" + dstStates.size());
        }
        if (queries.isEmpty()) {
            return List.of();
        }
        List<SembaPair> pairs = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            pairs.add(new SembaPair(q.src(), srcStates.get(i), q.dst(), dstStates.get(i), q.t()));
        }
        SembaInputs in = SembaInputs.of(config, pairs);
        if (backend == InferenceBackend.CPU) {
            return outputs(cpu.forward(in).logits(), queries.size());
        }
        try (NDManager m = root.newSubManager()) {
            return outputs(network.forward(m, in).logits(), queries.size());
        }
    }

    /**
     * The network call of a wave, plus extra read-only pairs scored after the wave's events (the trainer's
     * sampled non-edges), and the endpoints' new records. Arrays live in {@code m}; with a gradient collector
     * open, the logits carry the graph of this wave.
     *
     * @param logits [max(n, 8), 16]; rows 0..n-1 are the wave's events, then the extra pairs
     */
    record Computation(NDArray logits, List<SembaNodeState> newSrc, List<SembaNodeState> newDst) {
    }

    Computation compute(NDManager m, Wave<SembaNodeState> wave, List<SembaPair> extra) {
        // always DJL, whatever the backend: the trainer calls this inside a gradient collector and needs the
        // logits as a node of the autograd graph
        SembaInputs in = SembaInputs.of(config, pairs(wave, extra));
        SembaNetwork.Result r = network.forward(m, in);
        NewStates next = newStates(wave, in, r.current().toFloatArray());
        return new Computation(r.logits(), next.src(), next.dst());
    }

    /** The wave's events as pairs, then {@code extra}. */
    private static List<SembaPair> pairs(Wave<SembaNodeState> wave, List<SembaPair> extra) {
        int n = wave.size();
        List<SembaPair> pairs = new ArrayList<>(n + extra.size());
        for (int i = 0; i < n; i++) {
            Interaction e = wave.events().get(i).event();
            pairs.add(new SembaPair(e.src(), wave.srcStates().get(i), e.dst(), wave.dstStates().get(i), e.t()));
        }
        pairs.addAll(extra);
        return pairs;
    }

    /** The endpoints' new records of each event of a wave. */
    private record NewStates(List<SembaNodeState> src, List<SembaNodeState> dst) {
    }

    /** The new records from the current memories [rows][width] of the wave's network call. */
    private NewStates newStates(Wave<SembaNodeState> wave, SembaInputs in, float[] current) {
        int n = wave.size();
        List<SembaNodeState> newSrc = new ArrayList<>(n);
        List<SembaNodeState> newDst = new ArrayList<>(n);
        int width = config.memoryWidth();
        for (int i = 0; i < n; i++) {
            Interaction e = wave.events().get(i).event();
            SembaNodeState u = wave.srcStates().get(i);
            SembaNodeState v = wave.dstStates().get(i);
            int uRow = i * width;
            int vRow = (in.padded + i) * width;
            float weight = e.hasWeight() ? (float) e.weight() : Float.NaN;
            double rating = e.hasWeight() ? e.weight() : e.sign();
            SembaNeighbour toV = new SembaNeighbour(e.dst(), e.t(), e.sign(), SembaNeighbour.OUT, weight,
                    Arrays.copyOfRange(current, vRow, vRow + width), precision);
            SembaHistory uHistory = u.history().plusGiven(e.sign(), rating);
            if (e.src() == e.dst()) {
                SembaNodeState self = advance(u, current, uRow, toV, uHistory.plusReceived(e.sign(), rating));
                newSrc.add(self);
                newDst.add(self);
                continue;
            }
            SembaNeighbour toU = new SembaNeighbour(e.src(), e.t(), e.sign(), SembaNeighbour.IN, weight,
                    Arrays.copyOfRange(current, uRow, uRow + width), precision);
            newSrc.add(advance(u, current, uRow, toV, uHistory));
            newDst.add(advance(v, current, vRow, toU, v.history().plusReceived(e.sign(), rating)));
        }
        return new NewStates(newSrc, newDst);
    }

    private SembaNodeState advance(SembaNodeState s, float[] current, int row, SembaNeighbour entry,
            SembaHistory history) {
        int d = config.memoryDim();
        float[] positive = Arrays.copyOfRange(current, row, row + d);
        float[] negative = config.balance() ? Arrays.copyOfRange(current, row + d, row + 2 * d) : new float[0];
        double memoryTime = s.hasEvents() ? s.newest().t() : Double.NaN;
        return SembaNodeState.rounded(precision, positive, negative, memoryTime, history,
                s.neighboursWith(entry, config.neighbours()));
    }

    /** Turns the first {@code n} rows of logits into predictions for the configured task. */
    List<ModelOutput> outputs(NDArray logits, int n) {
        return outputs(logits.toFloatArray(), n);
    }

    /** Turns the first {@code n} rows of logits [rows][DECODER_COLUMNS] into predictions. */
    private List<ModelOutput> outputs(float[] l, int n) {
        int cols = SembaParameters.DECODER_COLUMNS;
        List<ModelOutput> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = i * cols;
            out.add(switch (config.task()) {
                case SIGN -> new ModelOutput(Float.NaN, sigmoid(l[at + SembaNetwork.SIGN]), Float.NaN);
                case LINK -> new ModelOutput(sigmoid(l[at + SembaNetwork.LINK]), Float.NaN, Float.NaN);
                case SIGNLINK -> threeClass(l, at);
                case WEIGHT -> new ModelOutput(Float.NaN, Float.NaN,
                        (float) (l[at + SembaNetwork.WEIGHT] / config.weightScale()));
            });
        }
        return out;
    }

    private static ModelOutput threeClass(float[] l, int at) {
        double pos = l[at + SembaNetwork.CLASS_POSITIVE];
        double neg = l[at + SembaNetwork.CLASS_NEGATIVE];
        double none = l[at + SembaNetwork.CLASS_NONE];
        double max = Math.max(pos, Math.max(neg, none));
        double ep = Math.exp(pos - max);
        double en = Math.exp(neg - max);
        double ez = Math.exp(none - max);
        return new ModelOutput((float) ((ep + en) / (ep + en + ez)), (float) (ep / (ep + en)), Float.NaN);
    }

    static float sigmoid(double x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    @Override
    public void close() {
        root.close();
    }
}
