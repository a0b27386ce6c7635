package io.linkcast.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.ingest.Interaction;
import io.linkcast.state.InMemoryNodeStateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MicroBatchEngineTest {

    /** A skewed random stream with hubs, repeats and self-loops, so batches need many waves. */
    static List<SequencedEvent> stream(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<SequencedEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int s = r.nextInt(10) < 3 ? 0 : r.nextInt(60);
            int d = r.nextInt(20) == 0 ? s : r.nextInt(60);
            events.add(new SequencedEvent(1000 + i, Interaction.of(Integer.toString(s), Integer.toString(d), i)));
        }
        return events;
    }

    /** The reference: one event at a time, straight from the contract, without the engine. */
    static Map<Long, Long> sequential(List<SequencedEvent> events, List<Float> predictions) {
        Map<Long, Long> state = new HashMap<>();
        for (SequencedEvent e : events) {
            long s = state.getOrDefault(e.event().src(), e.event().src());
            long d = state.getOrDefault(e.event().dst(), e.event().dst());
            predictions.add(ChainModel.predict(s, d));
            long ns = ChainModel.mix(s, d, e.seq());
            state.put(e.event().src(), ns);
            state.put(e.event().dst(), e.event().src() == e.event().dst() ? ChainModel.mix(ns, ns, e.seq())
                    : ChainModel.mix(d, s, e.seq() + 1));
        }
        return state;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 200, 1000})
    void shouldGiveSequentialResultsWhateverTheBatchSize(int batch) {
        List<SequencedEvent> events = stream(42, 1000);
        List<Float> expected = new ArrayList<>();
        Map<Long, Long> expectedState = sequential(events, expected);

        InMemoryNodeStateStore<Long> store = new InMemoryNodeStateStore<>();
        MicroBatchEngine<Long> engine = new MicroBatchEngine<>(new ChainModel(), store);
        List<Float> actual = new ArrayList<>();
        for (int i = 0; i < events.size(); i += batch) {
            for (ModelOutput o : engine.process(events.subList(i, Math.min(events.size(), i + batch)))) {
                actual.add(o.pLink());
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        long[] ids = expectedState.keySet().stream().mapToLong(Long::longValue).toArray();
        List<Long> stored = store.getAll(ids);
        for (int i = 0; i < ids.length; i++) {
            assertThat(stored.get(i)).as("state of node %d", ids[i]).isEqualTo(expectedState.get(ids[i]));
        }
        assertThat(store.approximateSize()).isEqualTo(expectedState.size());
    }

    @Test
    void shouldScoreReadOnly() {
        InMemoryNodeStateStore<Long> store = new InMemoryNodeStateStore<>();
        MicroBatchEngine<Long> engine = new MicroBatchEngine<>(new ChainModel(), store);
        engine.process(stream(7, 50));
        long sizeBefore = store.approximateSize();
        List<ModelOutput> a = engine.score(List.of(new Query(0, 1, 99), new Query(500, 501, 99)));
        List<ModelOutput> b = engine.score(List.of(new Query(0, 1, 99), new Query(500, 501, 99)));
        assertThat(a).isEqualTo(b);
        assertThat(store.approximateSize()).isEqualTo(sizeBefore);
        assertThat(store.getAll(new long[] {500})).containsExactly((Long) null);
    }

    @Test
    void shouldPutEveryNodeOfAWaveOnce() {
        long[] src = {1, 2, 1, 3, 4, 2, 5};
        long[] dst = {2, 3, 4, 5, 4, 6, 5};
        // by hand: e0 (1,2) w0; e1 (2,3) after 2@w0 -> w1; e2 (1,4) after 1@w0 -> w1; e3 (3,5) after 3@w1 -> w2;
        // e4 (4,4) after 4@w1 -> w2; e5 (2,6) after 2@w1 -> w2; e6 (5,5) after 5@w2 -> w3
        assertThat(WaveScheduler.assign(src, dst)).containsExactly(0, 1, 1, 2, 2, 2, 3);
    }

    @Test
    void shouldCountWavesOfTheLastBatch() {
        MicroBatchEngine<Long> engine = new MicroBatchEngine<>(new ChainModel(), new InMemoryNodeStateStore<>());
        List<SequencedEvent> hub = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            hub.add(new SequencedEvent(i, Interaction.of("0", Integer.toString(i + 1), i)));
        }
        engine.process(hub);
        assertThat(engine.lastBatchWaves()).isEqualTo(5);
    }

    @Test
    void shouldScoreEachLinkQueryFromTheStatesJustBeforeItsEventAndWriteOnlyTheBatchNodes() {
        List<SequencedEvent> warmUp = stream(7, 300);
        List<SequencedEvent> batch = stream(8, 100).stream()
                .map(e -> new SequencedEvent(e.seq() + 10_000, e.event())).toList();
        // negatives the batch never touches (900..904), so "the start of the wave" is "just before the event"
        List<Query> queries = new ArrayList<>();
        for (SequencedEvent e : batch) {
            queries.add(new Query(e.event().src(), 900 + queries.size() % 5, e.event().t()));
        }

        InMemoryNodeStateStore<Long> apart = new InMemoryNodeStateStore<>();
        MicroBatchEngine<Long> reference = new MicroBatchEngine<>(new ChainModel(), apart);
        reference.process(warmUp);
        List<ModelOutput> expectedLinks = new ArrayList<>();
        List<ModelOutput> expectedOutputs = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            expectedLinks.add(reference.score(List.of(queries.get(i))).get(0));
            expectedOutputs.addAll(reference.process(List.of(batch.get(i))));
        }

        InMemoryNodeStateStore<Long> together = new InMemoryNodeStateStore<>();
        MicroBatchEngine<Long> engine = new MicroBatchEngine<>(new ChainModel(), together);
        engine.process(warmUp);
        MicroBatchEngine.BatchResult result = engine.process(batch, queries);

        assertThat(result.links()).isEqualTo(expectedLinks);
        assertThat(result.outputs()).isEqualTo(expectedOutputs);
        assertThat(engine.lastBatchWaves()).as("the batch really ran in several waves").isGreaterThan(5);
        assertThat(together.approximateSize()).isEqualTo(apart.approximateSize());
        assertThat(together.getAll(new long[] {900})).containsExactly((Long) null);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> engine.process(batch, queries.subList(0, 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one link query per event");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100})
    void shouldScoreLinkQueriesOnNodesTheBatchWritesFromTheStatesJustBeforeTheirEvents(int size) {
        List<SequencedEvent> warmUp = stream(7, 300);
        List<SequencedEvent> batch = stream(9, 200).stream()
                .map(e -> new SequencedEvent(e.seq() + 10_000, e.event())).toList();
        // negatives among the batch's own nodes (hubs included), written by events before and after each query
        SplittableRandom r = new SplittableRandom(5);
        List<Query> queries = new ArrayList<>();
        for (SequencedEvent e : batch) {
            queries.add(new Query(e.event().src(), r.nextInt(10) < 3 ? 0 : r.nextInt(60), e.event().t()));
        }
        MicroBatchEngine<Long> reference = new MicroBatchEngine<>(new ChainModel(), new InMemoryNodeStateStore<>());
        reference.process(warmUp);
        List<ModelOutput> expectedLinks = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            expectedLinks.add(reference.score(List.of(queries.get(i))).get(0));
            reference.process(List.of(batch.get(i)));
        }

        MicroBatchEngine<Long> engine = new MicroBatchEngine<>(new ChainModel(), new InMemoryNodeStateStore<>());
        engine.process(warmUp);
        List<ModelOutput> links = new ArrayList<>();
        for (int from = 0; from < batch.size(); from += size) {
            int to = Math.min(batch.size(), from + size);
            links.addAll(engine.process(batch.subList(from, to), queries.subList(from, to)).links());
        }
        assertThat(links).isEqualTo(expectedLinks);
    }

    @Test
    void shouldPutAReaderBeforeLaterWritersOfItsNodeAndAfterEarlierOnes() {
        long n = WaveScheduler.NO_READ;
        // event 0 writes 1-2; event 1 (3-4) reads 2: after event 0; event 2 (2-5) writes 2: not before event 1
        int[] waves = WaveScheduler.assign(new long[] {1, 3, 6, 2}, new long[] {2, 4, 7, 5}, new long[] {n, 2, n, n});
        assertThat(waves).containsExactly(0, 1, 0, 1);
        // a later writer may share its reader's wave: the read sees the states the wave starts from
        assertThat(WaveScheduler.assign(new long[] {3, 2}, new long[] {4, 5}, new long[] {2, n})).containsExactly(0, 0);
        assertThat(WaveScheduler.assign(new long[] {1, 3}, new long[] {2, 4})).containsExactly(0, 0);
    }

    @Test
    void shouldGiveEveryNodeAnItemHoldsAWaveOfItsOwnAndLetReadersShareTheFirstWriterAfterThem() {
        long n = WaveScheduler.NO_READ;
        // item 0 holds 1, 2, 3 (an ask: source snapshot, destination, negative); item 1 reads 3; item 2 holds 3 and 4:
        // not in item 0's wave (3 twice in one call), but it may share item 1's (the read sees the starting states)
        long[][] held = {{1, 2, 3}, {}, {3, 4}, {5, 6}};
        assertThat(WaveScheduler.assign(held, new long[] {n, 3, n, n})).containsExactly(0, 1, 1, 0);
        // a reader after a holder waits for it; the holder's source snapshot and a later negative of the same node too
        assertThat(WaveScheduler.assign(new long[][] {{7, 8}, {}, {9, 10, 7}}, new long[] {n, 8, n}))
                .containsExactly(0, 1, 1);
    }
}
