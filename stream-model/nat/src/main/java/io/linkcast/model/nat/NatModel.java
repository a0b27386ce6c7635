package io.linkcast.model.nat;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.CandidateSource;
import io.linkcast.model.engine.Crew;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.ModelInfo;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.ScoredWave;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.state.StateCodec;
import io.linkcast.state.compact.StatePrecision;
import io.linkcast.state.nat.NatNodeState;
import io.linkcast.state.nat.NatStateCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * NAT (Luo and Li, LoG 2022) as a {@link StreamModel}: link-existence probability {@code pLink =
 * sigmoid(logit)} from the joint N-cache neighbourhood of the two endpoints; sign and weight are not
 * predicted (NaN).
 *
 * <p>{@link #step} predicts every event of a wave from the states before it and applies the events
 * (nat-spec.md §2.3, one event at a time per node, so the engine's waves give sequential semantics);
 * {@link #score} is read-only. Both run the wave as one batched NDArray computation ({@link NatBlock}) on the
 * network's device, then the state transition in Java ({@link NatTransition}). States are values; concurrent
 * {@link #score} calls are safe while the stream thread calls {@link #step}.
 *
 * <p>The records it makes keep their vectors at the {@link StatePrecision} it was built with; the constructors
 * without one build it at {@link StatePrecision#COMPACT}, the default.
 */
public final class NatModel implements StreamModel<NatNodeState>, CandidateSource<NatNodeState>, AutoCloseable {
    /** Model name printed on every prediction. */
    public static final String NAME = "nat";
    /** Events per chunk of a crew in the state transitions. */
    private static final int EVENT_CHUNK = 4;

    private final NatNetwork network;
    private final NatConfig config;
    private final NatStateCodec codec;
    private final NatTransition transition;
    private final SlotSemantics semantics;
    private final StatePrecision precision;
    private final ModelInfo info;
    /** The resolved inference backend: {@link InferenceBackend#DJL} or {@link InferenceBackend#CPU}. */
    private final InferenceBackend backend;
    /** The CPU backend's forward, laid out from the network's weights at construction; null on DJL. */
    private final NatCpuForward cpu;

    /** A model over {@code network}'s weights; {@code version} names the weights (e.g. the artifact). */
    public NatModel(NatNetwork network, String version) {
        this(network, version, InferenceBackend.DJL);
    }

    /** A model that infers with {@code backend} ({@link InferenceBackend#AUTO}: the CPU backend on a CPU). */
    public NatModel(NatNetwork network, String version, InferenceBackend backend) {
        this(network, version, backend, StatePrecision.COMPACT);
    }

    /** A model that infers with {@code backend} and keeps its records at {@code precision}. */
    public NatModel(NatNetwork network, String version, InferenceBackend backend, StatePrecision precision) {
        this(network, version, ServedSlotSemantics.of(network.config()), backend, precision);
    }

    /** A model whose records mean what {@code semantics} says (served models: {@link ServedSlotSemantics}). */
    NatModel(NatNetwork network, String version, SlotSemantics semantics, InferenceBackend backend,
            StatePrecision precision) {
        this.network = Objects.requireNonNull(network, "network");
        this.config = network.config();
        this.semantics = Objects.requireNonNull(semantics, "semantics");
        this.precision = Objects.requireNonNull(precision, "precision");
        this.codec = new NatStateCodec(config.shape(), precision);
        this.transition = new NatTransition(config, semantics.hash(), precision);
        this.info = new ModelInfo(NAME, Objects.requireNonNull(version, "version"));
        this.backend = backend.resolve(network.manager().getDevice().getDeviceType().equals(ai.djl.Device.Type.CPU));
        this.cpu = this.backend == InferenceBackend.CPU ? new NatCpuForward(network) : null;
    }

    /** A model with weights drawn from {@code seed}, on the CPU (tests and benchmarks without an artifact). */
    public static NatModel initialise(NatConfig config, long seed) {
        return initialise(config, seed, StatePrecision.COMPACT);
    }

    /** {@link #initialise(NatConfig, long)}, keeping its records at {@code precision}. */
    public static NatModel initialise(NatConfig config, long seed, StatePrecision precision) {
        return new NatModel(NatNetwork.create(config, seed, Device.cpu()), "seed-" + seed, InferenceBackend.DJL,
                precision);
    }

    /** The codec, and what decides where a neighbour sits in the dictionaries and what a slot means. */
    @Override
    public String stateFingerprint() {
        return "nat-state-v" + codec().version() + ";slots=" + config.m1() + "/" + config.m2() + ";dims="
                + config.valueDim() + "/" + config.selfDim() + ";" + semantics;
    }

    public NatConfig config() {
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

    public NatNetwork network() {
        return network;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public StateCodec<NatNodeState> codec() {
        return codec;
    }

    @Override
    public NatNodeState emptyState(long node) {
        return NatNodeState.empty(node, config.shape());
    }

    @Override
    public WaveOutput<NatNodeState> step(Wave<NatNodeState> wave) {
        return step(wave, Crew.ALONE);
    }

    @Override
    public WaveOutput<NatNodeState> step(Wave<NatNodeState> wave, Crew crew) {
        return stepWithLogits(wave, crew).output();
    }

    /** The predictions, logits and new states of a wave. */
    public record StepResult(WaveOutput<NatNodeState> output, float[] logits) {
    }

    /** {@link #step}, also returning the logit of each event (pLink = sigmoid(logit)). */
    public StepResult stepWithLogits(Wave<NatNodeState> wave) {
        return stepWithLogits(wave, Crew.ALONE);
    }

    private StepResult stepWithLogits(Wave<NatNodeState> wave, Crew crew) {
        if (wave.size() == 0) {
            return new StepResult(new WaveOutput<>(List.of(), List.of(), List.of()), new float[0]);
        }
        Prepared prepared = prepare(wave, null, crew);
        return finish(wave, prepared, infer(prepared.batch(), crew), null, crew);
    }

    /** One network call: each negative (src_i, w_i) shares the refreshed rows of src_i with the event's pair. */
    @Override
    public ScoredWave<NatNodeState> stepWithNegatives(Wave<NatNodeState> wave, List<Query> negatives,
            List<NatNodeState> negativeStates) {
        return stepWithNegatives(wave, negatives, negativeStates, Crew.ALONE);
    }

    @Override
    public ScoredWave<NatNodeState> stepWithNegatives(Wave<NatNodeState> wave, List<Query> negatives,
            List<NatNodeState> negativeStates, Crew crew) {
        int n = wave.size();
        if (negatives.size() != n || negativeStates.size() != n) {
            throw new IllegalArgumentException("a wave of " + n + " events needs " + n + " negatives, got "
                    + negatives.size() + "/" + negativeStates.size());
        }
        if (n == 0) {
            return new ScoredWave<>(step(wave, crew), List.of());
        }
        for (int i = 0; i < n; i++) {
            Interaction e = wave.events().get(i).event();
            if (negatives.get(i).src() != e.src() || negatives.get(i).t() != e.t()) {
                throw new IllegalArgumentException("negative " + i + " is not (src, ·, t) of its event: "
                        + negatives.get(i) + " for " + e.src() + " at " + e.t());
            }
        }
        Prepared prepared = prepare(wave, negativeStates, crew);
        NatCpuForward.Output out = infer(prepared.batch(), crew);
        StepResult r = finish(wave, prepared, out, null, crew);
        List<ModelOutput> links = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            links.add(ModelOutput.link(sigmoid(out.logits()[prepared.negative()[i]])));
        }
        return new ScoredWave<>(r.output(), links);
    }

    /** The inference outputs for {@code batch} from this model's backend; the CPU backend's loops run by {@code crew}. */
    private NatCpuForward.Output infer(NatBatch batch, Crew crew) {
        if (cpu != null) {
            return cpu.forward(batch, crew);
        }
        try (NDManager sub = network.manager().newSubManager()) {
            return outputOf(network.block().forward(network.parameterStore(), batch.toNDList(network.inputs(sub)),
                    false));
        }
    }

    /** The block's outputs (logits, refreshed Z', refreshed selves) as float arrays. */
    static NatCpuForward.Output outputOf(NDList out) {
        return new NatCpuForward.Output(out.get(0).toFloatArray(), out.get(1).toFloatArray(),
                out.get(2).toFloatArray());
    }

    /** Frees the network's native memory (its weights and pooled input memory). */
    @Override
    public void close() {
        network.close();
    }

    /** The keys of the node's 1-hop and 2-hop dictionaries: who it, or its neighbours, met recently. */
    @Override
    public long[] candidates(long node, NatNodeState state) {
        java.util.LinkedHashSet<Long> keys = new java.util.LinkedHashSet<>();
        for (int hop = 1; hop <= 2; hop++) {
            io.linkcast.state.nat.NatSlots slots = state.hop(hop);
            for (int i = 0; i < slots.capacity(); i++) {
                if (slots.isUsed(i) && slots.key(i) != node) {
                    keys.add(slots.key(i));
                }
            }
        }
        return keys.stream().mapToLong(Long::longValue).toArray();
    }

    /** The shared neighbours of the two records' dictionaries, with their hops on each side ({@link NatExplanation}). */
    @Override
    public Map<String, Object> explain(Query q, NatNodeState src, NatNodeState dst) {
        return NatExplanation.of(src, dst);
    }

    @Override
    public List<ModelOutput> score(List<Query> queries, List<NatNodeState> srcStates, List<NatNodeState> dstStates) {
        float[] logits = scoreLogits(queries, srcStates, dstStates);
        List<ModelOutput> out = new ArrayList<>(logits.length);
        for (float l : logits) {
            out.add(ModelOutput.link(sigmoid(l)));
        }
        return out;
    }

    /** Read-only logits of {@code queries}; states are aligned with the queries. */
    public float[] scoreLogits(List<Query> queries, List<NatNodeState> srcStates, List<NatNodeState> dstStates) {
        if (queries.size() != srcStates.size() || queries.size() != dstStates.size()) {
            throw new IllegalArgumentException("queries and states differ in size: " + queries.size() + "/"
                    + srcStates.size() + "/" + dstStates.size());
        }
        if (queries.isEmpty()) {
            return new float[0];
        }
        NatBatch.Builder b = new NatBatch.Builder(config, semantics);
        for (int i = 0; i < queries.size(); i++) {
            double t = queries.get(i).t();
            b.pair(b.node(srcStates.get(i), t), b.node(dstStates.get(i), t));
        }
        return Arrays.copyOf(infer(b.build(), Crew.ALONE).logits(), queries.size());
    }

    /** Probability from a logit. */
    static float sigmoid(float logit) {
        return (float) (1.0 / (1.0 + Math.exp(-logit)));
    }

    /** A wave's batch: event i is pair {@code positive[i]}; with negatives, (src_i, neg_i) is {@code negative[i]}. */
    record Prepared(NatBatch batch, int[] src, int[] dst, int[] positive, int[] negative) {
    }

    /** Assembles the wave's inputs; {@code negatives} (aligned with the events, or null) are scored read-only. */
    Prepared prepare(Wave<NatNodeState> wave, List<NatNodeState> negatives) {
        return prepare(wave, negatives, Crew.ALONE);
    }

    private Prepared prepare(Wave<NatNodeState> wave, List<NatNodeState> negatives, Crew crew) {
        int n = wave.size();
        NatBatch.Builder b = new NatBatch.Builder(config, semantics);
        int[] src = new int[n];
        int[] dst = new int[n];
        int[] positive = new int[n];
        int[] negative = negatives == null ? null : new int[n];
        for (int i = 0; i < n; i++) {
            double t = wave.events().get(i).event().t();
            src[i] = b.node(wave.srcStates().get(i), t);
            dst[i] = b.node(wave.dstStates().get(i), t);
            positive[i] = b.pair(src[i], dst[i]);
        }
        if (negatives != null) {
            for (int i = 0; i < n; i++) {
                double t = wave.events().get(i).event().t();
                negative[i] = b.pair(src[i], b.node(negatives.get(i), t));
            }
        }
        return new Prepared(b.build(crew), src, dst, positive, negative);
    }

    /**
     * Applies every event of the wave from the forward's outputs (logits, refreshed Z', refreshed selves). With
     * {@code current} (node → state so far; null for sequential semantics), each event's writes go onto the
     * current state of its endpoints instead of the state it read, and {@code current} is updated: NAT's
     * original batch semantics, where the events of a batch all read the state from before it.
     */
    StepResult finish(Wave<NatNodeState> wave, Prepared prepared, NatCpuForward.Output out,
            Map<Long, NatNodeState> current) {
        return finish(wave, prepared, out, current, Crew.ALONE);
    }

    /**
     * {@link #finish}; without {@code current}, the events of a wave touch distinct nodes, so their transitions run
     * in chunks by {@code crew}.
     */
    private StepResult finish(Wave<NatNodeState> wave, Prepared prepared, NatCpuForward.Output out,
            Map<Long, NatNodeState> current, Crew crew) {
        float[] logitsAll = out.logits();
        int n = wave.size();
        List<ModelOutput> outputs = new ArrayList<>(n);
        float[] logits = new float[n];
        for (int i = 0; i < n; i++) {
            logits[i] = logitsAll[prepared.positive()[i]];
            outputs.add(ModelOutput.link(sigmoid(logits[i])));
        }
        NatTransition.Result[] results = new NatTransition.Result[n];
        if (current == null) {
            crew.forEach((n + EVENT_CHUNK - 1) / EVENT_CHUNK, c -> {
                for (int i = c * EVENT_CHUNK; i < Math.min(n, (c + 1) * EVENT_CHUNK); i++) {
                    results[i] = transition(wave, prepared, out, i, null);
                }
            });
        } else {
            for (int i = 0; i < n; i++) {
                results[i] = transition(wave, prepared, out, i, current);
                current.put(wave.srcStates().get(i).node(), results[i].src());
                current.put(wave.dstStates().get(i).node(), results[i].dst());
            }
        }
        List<NatNodeState> newSrc = new ArrayList<>(n);
        List<NatNodeState> newDst = new ArrayList<>(n);
        for (NatTransition.Result r : results) {
            newSrc.add(r.src());
            newDst.add(r.dst());
        }
        return new StepResult(new WaveOutput<>(outputs, newSrc, newDst), logits);
    }

    /** Event i's transition from the forward's outputs, onto {@code current}'s states when given. */
    private NatTransition.Result transition(Wave<NatNodeState> wave, Prepared prepared, NatCpuForward.Output out,
            int i, Map<Long, NatNodeState> current) {
        SequencedEvent e = wave.events().get(i);
        NatTransition.Refreshed ru = refreshed(prepared.batch(), prepared.src()[i], out.z(), out.selves());
        NatTransition.Refreshed rv = refreshed(prepared.batch(), prepared.dst()[i], out.z(), out.selves());
        NatNodeState u = wave.srcStates().get(i);
        NatNodeState v = wave.dstStates().get(i);
        return current == null ? transition.apply(e.seq(), e.event().t(), u, ru, v, rv)
                : transition.apply(e.seq(), e.event().t(), u, ru, v, rv, current.get(u.node()),
                        current.get(v.node()));
    }

    private NatTransition.Refreshed refreshed(NatBatch batch, int q, float[] z, float[] selves) {
        int dz = config.valueDim();
        int ds = config.selfDim();
        float[] n0 = Arrays.copyOfRange(z, batch.n0Row(q) * dz, (batch.n0Row(q) + 1) * dz);
        float[][] n1 = new float[config.m1()][];
        for (int i = 0; i < config.m1(); i++) {
            int row = batch.n1Row(q, i);
            if (row >= 0) {
                n1[i] = Arrays.copyOfRange(z, row * dz, (row + 1) * dz);
            }
        }
        return new NatTransition.Refreshed(n0, n1, Arrays.copyOfRange(selves, q * ds, (q + 1) * ds));
    }
}
