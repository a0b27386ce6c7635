package io.linkcast.model.engine;

import io.linkcast.state.NodeStateStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a model over micro-batches with sequential semantics (architecture contract 3).
 *
 * <p>A batch reads the states of all its nodes from the store once, runs its waves over that working set,
 * and writes the touched states back once, so the store sees one batched read and one batched write per
 * micro-batch whatever the number of waves.
 *
 * @param <S> the model's per-node state
 */
public final class MicroBatchEngine<S> {
    private static final long[] NONE = new long[0];
    private final StreamModel<S> model;
    private final NodeStateStore<S> store;
    private int lastBatchWaves;

    public MicroBatchEngine(StreamModel<S> model, NodeStateStore<S> store) {
        this.model = Objects.requireNonNull(model, "model");
        this.store = Objects.requireNonNull(store, "store");
    }

    public StreamModel<S> model() {
        return model;
    }

    /** Predicts and applies the batch with the model's own step; outputs are aligned with the batch. */
    public List<ModelOutput> process(List<SequencedEvent> batch) {
        return process(batch, model::step);
    }

    /** Predicts and applies the batch with {@code step} (the trainer's step records gradients). */
    public List<ModelOutput> process(List<SequencedEvent> batch, WaveStep<S> step) {
        return process(batch, List.of(), step, null).outputs();
    }

    /** What a batch produced: its events' predictions, and the link probabilities of its link queries. */
    public record BatchResult(List<ModelOutput> outputs, List<ModelOutput> links) {
    }

    /**
     * Predicts and applies the batch with the model's own step, and scores one read-only link query per event
     * ({@code linkQueries.get(i)} is (src_i, w_i, t_i) for event i, or the list is empty): each in its event's
     * wave, in the same call (see {@link StreamModel#stepWithNegatives}), from the states just before its event,
     * since the waves are scheduled around the queries' nodes too ({@link WaveScheduler}): the scores are those
     * of scoring each query alone before its event, whatever the batch. The store is read once for all of it.
     */
    public BatchResult process(List<SequencedEvent> batch, List<Query> linkQueries) {
        return process(batch, linkQueries, model::step, model::stepWithNegatives);
    }

    /**
     * {@link #process(List, List)} with {@code step} computing each wave and its link queries (the trainer's step
     * records gradients through both), from the same states the model's own step would get.
     */
    public BatchResult process(List<SequencedEvent> batch, List<Query> linkQueries, ScoringWaveStep<S> step) {
        if (linkQueries.isEmpty() && !batch.isEmpty()) {
            throw new IllegalArgumentException("a scoring step needs one link query per event");
        }
        return process(batch, linkQueries, null, step);
    }

    private BatchResult process(List<SequencedEvent> batch, List<Query> linkQueries, WaveStep<S> step,
            ScoringWaveStep<S> scoring) {
        int n = batch.size();
        if (!linkQueries.isEmpty() && linkQueries.size() != n) {
            throw new IllegalArgumentException("one link query per event: " + n + " events, " + linkQueries.size()
                    + " queries");
        }
        if (n == 0) {
            return new BatchResult(List.of(), List.of());
        }
        long[] src = new long[n];
        long[] dst = new long[n];
        for (int i = 0; i < n; i++) {
            src[i] = batch.get(i).event().src();
            dst[i] = batch.get(i).event().dst();
        }
        Map<Long, S> working = load(src, dst, linkQueries);
        long[] reads = null;
        if (!linkQueries.isEmpty()) {
            reads = new long[n];
            for (int i = 0; i < n; i++) {
                reads[i] = linkQueries.get(i).dst();
            }
        }
        int[] waveOf = WaveScheduler.assign(src, dst, reads);
        int waves = Arrays.stream(waveOf).max().orElse(-1) + 1;
        lastBatchWaves = waves;
        List<List<Integer>> members = new ArrayList<>(waves);
        for (int w = 0; w < waves; w++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            members.get(waveOf[i]).add(i);
        }

        ModelOutput[] outputs = new ModelOutput[n];
        ModelOutput[] links = new ModelOutput[linkQueries.size()];
        Map<Long, S> touched = new LinkedHashMap<>(n * 4);
        for (List<Integer> idx : members) {
            List<SequencedEvent> events = new ArrayList<>(idx.size());
            List<S> srcStates = new ArrayList<>(idx.size());
            List<S> dstStates = new ArrayList<>(idx.size());
            for (int i : idx) {
                events.add(batch.get(i));
                srcStates.add(working.get(src[i]));
                dstStates.add(working.get(dst[i]));
            }
            Wave<S> wave = new Wave<>(events, srcStates, dstStates);
            WaveOutput<S> out;
            if (linkQueries.isEmpty()) {
                out = step.apply(wave);
            } else {
                List<Query> queries = new ArrayList<>(idx.size());
                List<S> negativeStates = new ArrayList<>(idx.size());
                for (int i : idx) {
                    queries.add(linkQueries.get(i));
                    negativeStates.add(working.get(linkQueries.get(i).dst()));
                }
                ScoredWave<S> scored = scoring.apply(wave, queries, negativeStates);
                out = scored.output();
                for (int k = 0; k < idx.size(); k++) {
                    links[idx.get(k)] = scored.links().get(k);
                }
            }
            for (int k = 0; k < idx.size(); k++) {
                int i = idx.get(k);
                outputs[i] = out.outputs().get(k);
                working.put(src[i], out.newSrc().get(k));
                working.put(dst[i], out.newDst().get(k));
                touched.put(src[i], out.newSrc().get(k));
                touched.put(dst[i], out.newDst().get(k));
            }
        }
        long[] ids = new long[touched.size()];
        List<S> states = new ArrayList<>(touched.size());
        int j = 0;
        for (Map.Entry<Long, S> e : touched.entrySet()) {
            ids[j++] = e.getKey();
            states.add(e.getValue());
        }
        store.putAll(ids, states);
        return new BatchResult(Arrays.asList(outputs), Arrays.asList(links));
    }

    /** Number of waves the last processed batch needed (a measure of how sequential it was). */
    public int lastBatchWaves() {
        return lastBatchWaves;
    }

    /** Read-only predictions from the current state; nothing is written. */
    public List<ModelOutput> score(List<Query> queries) {
        if (queries.isEmpty()) {
            return List.of();
        }
        Map<Long, S> states = load(NONE, NONE, queries);
        return model.score(queries, endpoints(states, queries, true), endpoints(states, queries, false));
    }

    private static <S> List<S> endpoints(Map<Long, S> states, List<Query> queries, boolean source) {
        List<S> out = new ArrayList<>(queries.size());
        for (Query q : queries) {
            out.add(states.get(source ? q.src() : q.dst()));
        }
        return out;
    }


    /** The states of the events' endpoints and the queries' nodes, empty ones for nodes never stored. */
    private Map<Long, S> load(long[] src, long[] dst, List<Query> queries) {
        Map<Long, Boolean> distinct = new LinkedHashMap<>((src.length + queries.size()) * 4);
        for (int i = 0; i < src.length; i++) {
            distinct.put(src[i], Boolean.TRUE);
            distinct.put(dst[i], Boolean.TRUE);
        }
        for (Query q : queries) {
            distinct.put(q.src(), Boolean.TRUE);
            distinct.put(q.dst(), Boolean.TRUE);
        }
        return statesOf(model, store, distinct.keySet());
    }

    /** The stored states of {@code nodes}, read in one batch; empty ones for nodes never stored. */
    static <S> Map<Long, S> statesOf(StreamModel<S> model, NodeStateStore<S> store, Collection<Long> nodes) {
        long[] ids = nodes.stream().mapToLong(Long::longValue).toArray();
        List<S> found = store.getAll(ids);
        Map<Long, S> working = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            S s = found.get(i);
            working.put(ids[i], s != null ? s : model.emptyState(ids[i]));
        }
        return working;
    }
}
