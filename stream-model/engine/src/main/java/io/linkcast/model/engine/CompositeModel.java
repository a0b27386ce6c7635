package io.linkcast.model.engine;

import io.linkcast.state.RecordHeader;
import io.linkcast.state.StateCodec;
import io.linkcast.state.StateFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Several models served as one: every event is stepped through each of them (each over its own part of the
 * node record), and the published prediction takes each quantity from the first model that predicts it, so
 * "nat,semba" gives NAT's link probability and SEMBA's sign and weight. One record per node keeps the
 * parts together, so locality and exactly-once hold for all of them at once.
 */
public final class CompositeModel implements StreamModel<CompositeState>, CandidateSource<CompositeState> {
    private static final int MAGIC = RecordHeader.magic("COMP");
    private static final int VERSION = 1;
    /** Records per chunk when a part's records are encoded or decoded with help. */
    private static final int RECORD_CHUNK = 16;

    private final List<StreamModel<Object>> models;
    private final ModelInfo info;
    private final StateCodec<CompositeState> codec;
    /** Where the models after the first step; {@code Runnable::run} steps them in turn on the caller's thread. */
    private final Executor others;
    /** Whether {@link #others} are threads of their own. */
    private final boolean parallel;
    /**
     * Whether the parts' threads help each other's loops ({@link WaveCrew}) when parallel: off unless
     * {@code -Dlinkcast.model.crew=true}. On this machine's 2 cores, shared with the in-process broker, it cost
     * CPU per event and did not raise throughput: a helper holding a chunk gets preempted while the stream thread
     * waits for it. Without a broker it shortened the stream thread's time per event (docs/results.md, "Figures behind
     * the code"); with spare cores it may pay.
     */
    private final boolean shareLoops = Boolean.parseBoolean(System.getProperty("linkcast.model.crew", "false"));

    /** Steps the models of a wave side by side when the machine has more than one core. */
    public CompositeModel(List<? extends StreamModel<?>> models) {
        this(models, Runtime.getRuntime().availableProcessors() > 1
                && Boolean.parseBoolean(System.getProperty("linkcast.model.parallel", "true")));
    }

    /**
     * @param parallel whether the models after the first step on threads of their own while the calling thread
     *     steps the first. They are independent given the wave (each reads and writes only its own part of the
     *     states), so the result is the same either way; with NAT and SEMBA served, SEMBA's step then overlaps
     *     NAT's instead of following it on the stream thread.
     */
    public CompositeModel(List<? extends StreamModel<?>> models, boolean parallel) {
        this(models, parallel && models.size() > 1 ? sideThreads(models.size() - 1) : null);
    }

    @SuppressWarnings("unchecked")
    private CompositeModel(List<? extends StreamModel<?>> models, Executor others) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a composite needs at least one model");
        }
        List<StreamModel<Object>> ms = new ArrayList<>();
        for (StreamModel<?> m : models) {
            ms.add((StreamModel<Object>) m);
        }
        this.models = List.copyOf(ms);
        this.info = new ModelInfo(
                ms.stream().map(m -> m.info().name()).collect(Collectors.joining("+")),
                ms.stream().map(m -> m.info().toString()).collect(Collectors.joining(",")));
        this.codec = new Codec();
        this.parallel = others != null;
        this.others = others != null ? others : Runnable::run;
    }

    /**
     * Daemon threads that end after 30 s idle, so a composite needs no closing. Not the common fork-join pool:
     * a thread that waits there for a task may run that task itself, which would step the models in turn after
     * all.
     */
    private static Executor sideThreads(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "linkcast-model-step");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    public List<StreamModel<Object>> models() {
        return models;
    }

    /** The same composite with model {@code i} replaced (a hot swap of one part). */
    public CompositeModel with(int i, StreamModel<?> replacement) {
        List<StreamModel<?>> ms = new ArrayList<>(models);
        ms.set(i, replacement);
        return new CompositeModel(ms, parallel ? others : null);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public String stateFingerprint() {
        return models.stream().map(m -> m.info().name() + "=" + m.stateFingerprint())
                .collect(Collectors.joining(",", "composite[", "]"));
    }

    @Override
    public StateCodec<CompositeState> codec() {
        return codec;
    }

    @Override
    public CompositeState emptyState(long node) {
        List<Object> parts = new ArrayList<>(models.size());
        for (StreamModel<Object> m : models) {
            parts.add(m.emptyState(node));
        }
        return new CompositeState(parts);
    }

    @Override
    public WaveOutput<CompositeState> step(Wave<CompositeState> wave) {
        return stepParts(wave, -1, null, null).output();
    }

    /**
     * The first model that predicts links (the one whose pLink is published) steps and scores the negatives
     * in one go; the others only step.
     */
    @Override
    public ScoredWave<CompositeState> stepWithNegatives(Wave<CompositeState> wave, List<Query> negatives,
            List<CompositeState> negativeStates) {
        for (int k = 0; k < models.size(); k++) {
            if (models.get(k).predictsLink()) {
                return stepParts(wave, k, negatives, negativeStates);
            }
        }
        return StreamModel.super.stepWithNegatives(wave, negatives, negativeStates);
    }

    private ScoredWave<CompositeState> stepParts(Wave<CompositeState> wave, int linkModel, List<Query> negatives,
            List<CompositeState> negativeStates) {
        int n = wave.size();
        List<ScoredWave<Object>> parts = byPart((k, crew) -> stepPart(k, wave, linkModel, negatives, negativeStates,
                crew));
        List<List<ModelOutput>> outs = new ArrayList<>();
        List<List<Object>> newSrc = new ArrayList<>();
        List<List<Object>> newDst = new ArrayList<>();
        for (ScoredWave<Object> p : parts) {
            outs.add(p.output().outputs());
            newSrc.add(p.output().newSrc());
            newDst.add(p.output().newDst());
        }
        List<CompositeState> src = new ArrayList<>(n);
        List<CompositeState> dst = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            src.add(gather(newSrc, i));
            dst.add(gather(newDst, i));
        }
        WaveOutput<CompositeState> output = new WaveOutput<>(merge(outs, n), src, dst);
        return new ScoredWave<>(output, parts.get(Math.max(0, linkModel)).links());
    }

    /**
     * {@code work} for every part k: parts after the first on the side threads, the first on the calling thread,
     * each with a {@link WaveCrew} of its own; a thread done with its part helps the others' loops until they are
     * done too, so the parts' work is shared between the threads, whichever part is the longer.
     */
    private <T> List<T> byPart(BiFunction<Integer, Crew, T> work) {
        int parts = models.size();
        if (!parallel) {
            List<T> out = new ArrayList<>(parts);
            for (int k = 0; k < parts; k++) {
                out.add(work.apply(k, Crew.ALONE));
            }
            return out;
        }
        WaveCrew[] crews = new WaveCrew[parts];
        for (int k = 0; k < parts; k++) {
            crews[k] = new WaveCrew();
            if (!shareLoops) {
                crews[k].close();
            }
        }
        List<CompletableFuture<T>> later = new ArrayList<>();
        for (int k = 1; k < parts; k++) {
            int part = k;
            later.add(CompletableFuture.supplyAsync(() -> runPart(part, work, crews), others));
        }
        List<T> out = new ArrayList<>(parts);
        out.add(runPart(0, work, crews));
        for (CompletableFuture<T> f : later) {
            out.add(joined(f));
        }
        return out;
    }

    /** Part k with its crew, then help for the other parts' crews until each is closed. */
    private static <T> T runPart(int k, BiFunction<Integer, Crew, T> work, WaveCrew[] crews) {
        T done;
        try {
            done = work.apply(k, crews[k]);
        } finally {
            crews[k].close();
        }
        for (int j = 0; j < crews.length; j++) {
            if (j != k) {
                crews[j].help();
            }
        }
        return done;
    }

    /** Model k's step of the wave; the link model also scores the negatives (its links, else none). */
    private ScoredWave<Object> stepPart(int k, Wave<CompositeState> wave, int linkModel, List<Query> negatives,
            List<CompositeState> negativeStates, Crew crew) {
        Wave<Object> part = new Wave<>(wave.events(), part(wave.srcStates(), k), part(wave.dstStates(), k));
        if (k == linkModel) {
            return models.get(k).stepWithNegatives(part, negatives, part(negativeStates, k), crew);
        }
        WaveOutput<Object> o = models.get(k).step(part, crew);
        return new ScoredWave<>(o, Collections.nCopies(o.outputs().size(), ModelOutput.NONE));
    }

    private static <T> T joined(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    @Override
    public List<ModelOutput> score(List<Query> queries, List<CompositeState> srcStates, List<CompositeState> dstStates) {
        List<List<ModelOutput>> outs = new ArrayList<>();
        for (int k = 0; k < models.size(); k++) {
            outs.add(models.get(k).score(queries, part(srcStates, k), part(dstStates, k)));
        }
        return merge(outs, queries.size());
    }

    @Override
    public boolean predictsLink() {
        return models.stream().anyMatch(StreamModel::predictsLink);
    }

    @Override
    public Map<String, Object> explain(Query q, CompositeState src, CompositeState dst) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < models.size(); k++) {
            Map<String, Object> e = models.get(k).explain(q, src.part(k), dst.part(k));
            if (!e.isEmpty()) {
                m.put(models.get(k).info().name(), e);
            }
        }
        return m;
    }

    @Override
    public Map<String, Object> describe(CompositeState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < models.size(); k++) {
            m.put(models.get(k).info().name(), models.get(k).describe(state.part(k)));
        }
        return m;
    }

    /** The candidates of the first model that proposes any; none if no model is a {@link CandidateSource}. */
    @Override
    @SuppressWarnings("unchecked")
    public long[] candidates(long node, CompositeState state) {
        for (int k = 0; k < models.size(); k++) {
            if (models.get(k) instanceof CandidateSource<?> source) {
                return ((CandidateSource<Object>) source).candidates(node, state.part(k));
            }
        }
        return new long[0];
    }

    private static List<Object> part(List<CompositeState> states, int k) {
        List<Object> out = new ArrayList<>(states.size());
        for (CompositeState s : states) {
            out.add(s.part(k));
        }
        return out;
    }

    private static CompositeState gather(List<List<Object>> perModel, int i) {
        List<Object> parts = new ArrayList<>(perModel.size());
        for (List<Object> states : perModel) {
            parts.add(states.get(i));
        }
        return new CompositeState(parts);
    }

    private static List<ModelOutput> merge(List<List<ModelOutput>> perModel, int n) {
        List<ModelOutput> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float link = Float.NaN;
            float positive = Float.NaN;
            float weight = Float.NaN;
            for (List<ModelOutput> outputs : perModel) {
                ModelOutput o = outputs.get(i);
                link = Float.isNaN(link) ? o.pLink() : link;
                positive = Float.isNaN(positive) ? o.pPositive() : positive;
                weight = Float.isNaN(weight) ? o.weight() : weight;
            }
            out.add(new ModelOutput(link, positive, weight));
        }
        return out;
    }

    /** Header, part count, then each part's own record with its length. */
    private final class Codec implements StateCodec<CompositeState> {
        @Override
        public int version() {
            return VERSION;
        }

        @Override
        public byte[] encode(CompositeState state) {
            List<byte[]> parts = new ArrayList<>(models.size());
            for (int k = 0; k < models.size(); k++) {
                parts.add(models.get(k).codec().encode(state.part(k)));
            }
            return record(parts);
        }

        /** Each part of the batch on the thread that steps that part, the first on the caller's, helped. */
        @Override
        public List<byte[]> encodeAll(List<CompositeState> states) {
            List<List<byte[]>> byPart = byPart((k, crew) -> encodePart(k, states, crew));
            List<byte[]> out = new ArrayList<>(states.size());
            for (int i = 0; i < states.size(); i++) {
                List<byte[]> parts = new ArrayList<>(byPart.size());
                for (List<byte[]> p : byPart) {
                    parts.add(p.get(i));
                }
                out.add(states.get(i) == null ? null : record(parts));
            }
            return out;
        }

        private List<byte[]> encodePart(int k, List<CompositeState> states, Crew crew) {
            List<Object> parts = new ArrayList<>(states.size());
            for (CompositeState s : states) {
                parts.add(s == null ? null : s.part(k));
            }
            StateCodec<Object> codec = models.get(k).codec();
            byte[][] out = new byte[parts.size()][];
            crew.forEach((parts.size() + RECORD_CHUNK - 1) / RECORD_CHUNK, c -> {
                int from = c * RECORD_CHUNK;
                List<byte[]> chunk = codec.encodeAll(parts.subList(from, Math.min(parts.size(), from + RECORD_CHUNK)));
                for (int i = 0; i < chunk.size(); i++) {
                    out[from + i] = chunk.get(i);
                }
            });
            return Arrays.asList(out);
        }

        private byte[] record(List<byte[]> parts) {
            int size = RecordHeader.BYTES + 2;
            for (byte[] b : parts) {
                size += 4 + b.length;
            }
            ByteBuffer buf = ByteBuffer.allocate(size);
            new RecordHeader(MAGIC, VERSION).write(buf);
            buf.putShort((short) parts.size());
            for (byte[] b : parts) {
                buf.putInt(b.length).put(b);
            }
            return buf.array();
        }

        @Override
        public CompositeState decode(byte[] bytes) {
            byte[][] parts = split(bytes);
            List<Object> states = new ArrayList<>(parts.length);
            for (int k = 0; k < parts.length; k++) {
                states.add(models.get(k).codec().decode(parts[k]));
            }
            return new CompositeState(states);
        }

        /** Each part of the records on the thread that steps that part, the first on the caller's, helped. */
        @Override
        public List<CompositeState> decodeAll(List<byte[]> records) {
            List<byte[][]> split = new ArrayList<>(records.size());
            for (byte[] r : records) {
                split.add(r == null ? null : split(r));
            }
            List<Object[]> byPart = byPart((k, crew) -> decodePart(k, split, crew));
            List<CompositeState> out = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                if (split.get(i) == null) {
                    out.add(null);
                    continue;
                }
                List<Object> parts = new ArrayList<>(byPart.size());
                for (Object[] p : byPart) {
                    parts.add(p[i]);
                }
                out.add(new CompositeState(parts));
            }
            return out;
        }

        private Object[] decodePart(int k, List<byte[][]> split, Crew crew) {
            StateCodec<Object> codec = models.get(k).codec();
            Object[] out = new Object[split.size()];
            crew.forEach((split.size() + RECORD_CHUNK - 1) / RECORD_CHUNK, c -> {
                for (int i = c * RECORD_CHUNK; i < Math.min(split.size(), (c + 1) * RECORD_CHUNK); i++) {
                    out[i] = split.get(i) == null ? null : codec.decode(split.get(i)[k]);
                }
            });
            return out;
        }

        /** The parts' own records, checked against the models served. */
        private byte[][] split(byte[] bytes) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            RecordHeader.check(buf, MAGIC, "composite", VERSION);
            int count = buf.getShort();
            if (count != models.size()) {
                throw new StateFormatException("composite record holds " + count + " models, this service runs "
                        + models.size() + " (" + info.name() + ")");
            }
            byte[][] parts = new byte[count][];
            for (int k = 0; k < count; k++) {
                int len = buf.getInt();
                if (len < 0 || len > buf.remaining()) {
                    throw new StateFormatException("composite record truncated in part " + k);
                }
                parts[k] = new byte[len];
                buf.get(parts[k]);
            }
            return parts;
        }
    }
}
