package io.linkcast.model.engine;

import io.linkcast.state.NodeStateStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One partition's share of a stream whose node states are partitioned by node id (architecture.md, "Scale-out"):
 * the store holds only the nodes this partition owns, and an event (u, v) reaches it as up to three items, each
 * touching one local node:
 * <ul>
 * <li>{@link Read} (stage A, at u's owner): u's state, to travel with the event to v's owner;</li>
 * <li>{@link Ask} (stage B, at v's owner): the prediction from (u's snapshot, v), then v's half of the event; the
 * result carries v's state before the event, to travel back to u's owner;</li>
 * <li>{@link Answer} (stage C, at u's owner): u's half of the event, from u's state now and v's snapshot.</li>
 * </ul>
 * A half is the model's own {@link StreamModel#step} with the other endpoint's snapshot in its place, so locality
 * (contract 2) makes it the sequential result whenever the snapshots are current: when every hop is delivered
 * before the next event, the chain is sequential semantics, bit for bit. Items are scheduled into waves in the
 * given order ({@link WaveScheduler#assign(long[][], long[])}) on every node a model call holds, so that no node
 * appears twice in one (a snapshot beside a local state of the same node would be merged by the model's batch).
 *
 * @param <S> the model's per-node state
 */
public final class OwnerEngine<S> {
    private static final long[] NONE = new long[0];
    private final StreamModel<S> model;
    private final NodeStateStore<S> store;
    private int lastBatchWaves;

    public OwnerEngine(StreamModel<S> model, NodeStateStore<S> store) {
        this.model = Objects.requireNonNull(model, "model");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** An item of the chain; see the class comment. */
    public sealed interface Item<S> permits Read, Ask, Answer {
    }

    /** Stage A: read local node {@code node}. */
    public record Read<S>(long node) implements Item<S> {
    }

    /**
     * Stage B: predict {@code event} from the source's snapshot and the local destination, score the read-only
     * {@code negative} (source, w local, t; null for none) in the same call, and apply the destination's half. A
     * self-loop is all local: both halves from the stored state, the snapshot unused.
     */
    public record Ask<S>(SequencedEvent event, S srcSnapshot, Query negative) implements Item<S> {
    }

    /** Stage C: apply the local source's half of {@code event} from the destination's snapshot. */
    public record Answer<S>(SequencedEvent event, S dstSnapshot) implements Item<S> {
    }

    /**
     * What each item produced, aligned with the items: a Read's state and an Ask's destination before its event
     * in {@code states}; an Ask's prediction in {@code outputs} and its negative's in {@code links} (null
     * elsewhere).
     */
    public record Result<S>(List<S> states, List<ModelOutput> outputs, List<ModelOutput> links) {
    }

    public Result<S> process(List<Item<S>> items) {
        int n = items.size();
        long[][] exclusive = new long[n][];
        long[] reads = new long[n];
        Arrays.fill(reads, WaveScheduler.NO_READ);
        Set<Long> local = new LinkedHashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
            Item<S> item = items.get(i);
            if (item instanceof Read<S> r) {
                exclusive[i] = NONE;
                reads[i] = r.node();
                local.add(r.node());
            } else if (item instanceof Ask<S> a) {
                long u = a.event().event().src();
                long v = a.event().event().dst();
                local.add(v);
                // the source's snapshot and the negative's local state go into one model call with the destination:
                // each node once per wave
                if (a.negative() != null) {
                    local.add(a.negative().dst());
                    exclusive[i] = new long[] {u, v, a.negative().dst()};
                } else {
                    exclusive[i] = new long[] {u, v};
                }
            } else {
                Answer<S> a = (Answer<S>) item;
                local.add(a.event().event().src());
                exclusive[i] = new long[] {a.event().event().src(), a.event().event().dst()};
            }
        }
        Map<Long, S> working = MicroBatchEngine.statesOf(model, store, local);
        int[] waveOf = WaveScheduler.assign(exclusive, reads);
        int waves = Arrays.stream(waveOf).max().orElse(-1) + 1;
        lastBatchWaves = waves;
        List<List<Integer>> members = new ArrayList<>(waves);
        for (int w = 0; w < waves; w++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            members.get(waveOf[i]).add(i);
        }
        List<S> states = new ArrayList<>(Collections.nCopies(n, null));
        List<ModelOutput> outputs = new ArrayList<>(Collections.nCopies(n, null));
        List<ModelOutput> links = new ArrayList<>(Collections.nCopies(n, null));
        Map<Long, S> touched = new LinkedHashMap<>(n * 2);
        for (List<Integer> wave : members) {
            List<Integer> asks = new ArrayList<>();
            List<Integer> answers = new ArrayList<>();
            for (int i : wave) {
                Item<S> item = items.get(i);
                if (item instanceof Read<S> r) {
                    states.set(i, working.get(r.node()));
                } else if (item instanceof Ask) {
                    asks.add(i);
                } else {
                    answers.add(i);
                }
            }
            // both halves from the wave's starting states, then written: nodes are distinct within a wave
            Map<Long, S> written = new HashMap<>();
            if (!asks.isEmpty()) {
                ask(items, asks, working, states, outputs, links, written);
            }
            if (!answers.isEmpty()) {
                answer(items, answers, working, written);
            }
            working.putAll(written);
            touched.putAll(written);
        }
        if (!touched.isEmpty()) {
            long[] ids = touched.keySet().stream().mapToLong(Long::longValue).toArray();
            store.putAll(ids, new ArrayList<>(touched.values()));
        }
        return new Result<>(states, outputs, links);
    }

    private void ask(List<Item<S>> items, List<Integer> idx, Map<Long, S> working, List<S> states,
            List<ModelOutput> outputs, List<ModelOutput> links, Map<Long, S> written) {
        List<SequencedEvent> events = new ArrayList<>(idx.size());
        List<S> srcStates = new ArrayList<>(idx.size());
        List<S> dstStates = new ArrayList<>(idx.size());
        List<Query> negatives = new ArrayList<>(idx.size());
        List<S> negativeStates = new ArrayList<>(idx.size());
        boolean scoreNegatives = false;
        for (int i : idx) {
            Ask<S> a = (Ask<S>) items.get(i);
            long u = a.event().event().src();
            long v = a.event().event().dst();
            S vState = working.get(v);
            events.add(a.event());
            srcStates.add(u == v ? vState : a.srcSnapshot());
            dstStates.add(vState);
            states.set(i, vState);
            Query q = a.negative() != null ? a.negative() : new Query(u, v, a.event().event().t());
            scoreNegatives |= a.negative() != null;
            negatives.add(q);
            negativeStates.add(working.get(q.dst()));
        }
        Wave<S> wave = new Wave<>(events, srcStates, dstStates);
        WaveOutput<S> out;
        if (scoreNegatives) {
            ScoredWave<S> scored = model.stepWithNegatives(wave, negatives, negativeStates);
            out = scored.output();
            for (int k = 0; k < idx.size(); k++) {
                Ask<S> a = (Ask<S>) items.get(idx.get(k));
                links.set(idx.get(k), a.negative() != null ? scored.links().get(k) : null);
            }
        } else {
            out = model.step(wave);
        }
        for (int k = 0; k < idx.size(); k++) {
            outputs.set(idx.get(k), out.outputs().get(k));
            written.put(events.get(k).event().dst(), out.newDst().get(k));
        }
    }

    private void answer(List<Item<S>> items, List<Integer> idx, Map<Long, S> working, Map<Long, S> written) {
        List<SequencedEvent> events = new ArrayList<>(idx.size());
        List<S> srcStates = new ArrayList<>(idx.size());
        List<S> dstStates = new ArrayList<>(idx.size());
        for (int i : idx) {
            Answer<S> a = (Answer<S>) items.get(i);
            events.add(a.event());
            srcStates.add(working.get(a.event().event().src()));
            dstStates.add(a.dstSnapshot());
        }
        // the whole step runs for the source's half; its prediction was published at the destination's owner
        WaveOutput<S> out = model.step(new Wave<>(events, srcStates, dstStates));
        for (int k = 0; k < idx.size(); k++) {
            written.put(events.get(k).event().src(), out.newSrc().get(k));
        }
    }

    /** Number of waves the last call needed. */
    public int lastBatchWaves() {
        return lastBatchWaves;
    }
}
