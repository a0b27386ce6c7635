package io.linkcast.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.StateFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class CompositeModelTest {
    private static final BaselineConfig SMALL = new BaselineConfig(8, 3600, 0.1, 2);

    private static List<ModelOutput> run(StreamModel<?> model, List<SequencedEvent> events, int batch) {
        MicroBatchEngine<?> engine = new MicroBatchEngine<>(model, new InMemoryNodeStateStore<>());
        List<ModelOutput> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i += batch) {
            out.addAll(engine.process(events.subList(i, Math.min(events.size(), i + batch))));
        }
        return out;
    }

    @Test
    void shouldTakeEachQuantityFromTheFirstModelThatPredictsIt() {
        List<SequencedEvent> events = MicroBatchEngineTest.stream(9, 300);
        List<ModelOutput> chain = run(new ChainModel(), events, 50);
        List<ModelOutput> baseline = run(new BaselineModel(SMALL), events, 50);
        List<ModelOutput> both = run(new CompositeModel(List.of(new ChainModel(), new BaselineModel(SMALL))), events, 50);
        for (int i = 0; i < events.size(); i++) {
            assertThat(both.get(i).pLink()).isEqualTo(chain.get(i).pLink());
            assertThat(both.get(i).pPositive()).isEqualTo(baseline.get(i).pPositive());
            assertThat(both.get(i).weight()).isNaN();
        }
        assertThat(new CompositeModel(List.of(new ChainModel(), new BaselineModel(SMALL))).info())
                .isEqualTo(new ModelInfo("chain+baseline", "chain@test,baseline@1"));
    }

    @Test
    void shouldKeepBatchInvarianceOfItsParts() {
        List<SequencedEvent> events = MicroBatchEngineTest.stream(4, 400);
        CompositeModel m = new CompositeModel(List.of(new BaselineModel(SMALL), new ChainModel()));
        assertThat(run(m, events, 7)).isEqualTo(run(m, events, 1)).isEqualTo(run(m, events, 400));
    }

    @Test
    void shouldStepItsModelsSideBySideWithTheResultsOfSteppingThemInTurn() {
        List<SequencedEvent> events = MicroBatchEngineTest.stream(6, 400);
        Set<Thread> steppedOn = ConcurrentHashMap.newKeySet();
        CompositeModel inTurn = new CompositeModel(List.of(new ChainModel(), new BaselineModel(SMALL)), false);
        CompositeModel sideBySide = new CompositeModel(List.of(new ChainModel(),
                new Watched<>(new BaselineModel(SMALL), steppedOn)), true);
        assertThat(run(sideBySide, events, 25)).isEqualTo(run(inTurn, events, 25)).hasSize(400);
        assertThat(steppedOn).isNotEmpty().doesNotContain(Thread.currentThread());
        assertThat(run(sideBySide.with(0, new ChainModel()), events, 25)).isEqualTo(run(inTurn, events, 25));
    }

    @Test
    void shouldEncodeAndDecodeABatchSideBySideAsItDoesEachRecord() {
        List<SequencedEvent> events = MicroBatchEngineTest.stream(8, 600);
        for (boolean parallel : new boolean[] {false, true}) {
            CompositeModel m = new CompositeModel(List.of(new ChainModel(), new BaselineModel(SMALL)), parallel);
            InMemoryNodeStateStore<CompositeState> store = new InMemoryNodeStateStore<>();
            new MicroBatchEngine<>(m, store).process(events);
            long[] ids = new long[40];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i;
            }
            // enough records for several chunks of a part's crew
            List<CompositeState> states = new ArrayList<>(store.getAll(ids));
            assertThat(states).doesNotContainNull();
            states.set(3, null);
            List<byte[]> batch = m.codec().encodeAll(states);
            assertThat(batch).hasSize(states.size());
            for (int i = 0; i < states.size(); i++) {
                if (states.get(i) == null) {
                    assertThat(batch.get(i)).isNull();
                } else {
                    assertThat(batch.get(i)).isEqualTo(m.codec().encode(states.get(i)));
                    assertThat(m.codec().decode(batch.get(i))).isEqualTo(states.get(i));
                }
            }
            assertThat(m.codec().decodeAll(batch)).isEqualTo(states);
        }
    }

    @Test
    void shouldRaiseTheErrorOfAModelSteppedOnAnotherThread() {
        StreamModel<?> failing = new Watched<>(new BaselineModel(SMALL), null);
        CompositeModel m = new CompositeModel(List.of(new ChainModel(), failing), true);
        assertThatThrownBy(() -> run(m, MicroBatchEngineTest.stream(2, 10), 5))
                .isInstanceOf(IllegalStateException.class).hasMessage("step failed");
    }

    /** A model whose steps note the thread they ran on, or fail when there is nowhere to note it. */
    private record Watched<S>(StreamModel<S> inner, Set<Thread> threads) implements Wrapper<S> {
        @Override
        public WaveOutput<S> step(Wave<S> wave) {
            if (threads == null) {
                throw new IllegalStateException("step failed");
            }
            threads.add(Thread.currentThread());
            return inner.step(wave);
        }
    }

    @Test
    void shouldRoundTripItsRecordAndRefuseOneOfAnotherComposition() {
        CompositeModel m = new CompositeModel(List.of(new ChainModel(), new BaselineModel(SMALL)));
        CompositeState s = m.step(new Wave<>(MicroBatchEngineTest.stream(1, 1), List.of(m.emptyState(0)),
                List.of(m.emptyState(5)))).newSrc().get(0);
        byte[] bytes = m.codec().encode(s);
        assertThat(m.codec().decode(bytes)).isEqualTo(s);
        CompositeModel other = new CompositeModel(List.of(new ChainModel()));
        assertThatThrownBy(() -> other.codec().decode(bytes)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("holds 2 models");
    }

    @Test
    void shouldSwapOnlyACompatibleModelAndKeepServingWithTheNewOne() {
        ModelHandle<Long> handle = new ModelHandle<>(new ChainModel());
        StreamModel<Long> renamed = new Narrowed(new ModelInfo("other", "1"));
        assertThatThrownBy(() -> handle.swap(renamed)).hasMessageContaining("cannot replace model 'chain'");
        StreamModel<Long> narrow = new Narrowed(new ModelInfo("chain", "2"));
        assertThatThrownBy(() -> handle.swap(narrow)).hasMessageContaining("state records");
        ChainModel next = new ChainModel();
        handle.swap(next);
        assertThat(handle.current()).isSameAs(next);
    }

    /** A chain model whose records are 4 bytes instead of 8: it cannot read what ChainModel wrote. */
    private record Narrowed(ModelInfo info) implements StreamModel<Long> {
        @Override
        public io.linkcast.state.StateCodec<Long> codec() {
            return new io.linkcast.state.StateCodec<>() {
                @Override
                public int version() {
                    return 1;
                }

                @Override
                public byte[] encode(Long state) {
                    return java.nio.ByteBuffer.allocate(4).putInt(state.intValue()).array();
                }

                @Override
                public Long decode(byte[] bytes) {
                    return (long) java.nio.ByteBuffer.wrap(bytes).getInt();
                }
            };
        }

        @Override
        public Long emptyState(long node) {
            return node;
        }

        @Override
        public WaveOutput<Long> step(Wave<Long> wave) {
            return new ChainModel().step(wave);
        }

        @Override
        public List<ModelOutput> score(List<Query> queries, List<Long> srcStates, List<Long> dstStates) {
            return new ChainModel().score(queries, srcStates, dstStates);
        }
    }

    @Test
    void shouldScoreNegativesWithTheFirstLinkModelOnly() {
        List<SequencedEvent> events = MicroBatchEngineTest.stream(3, 200);
        int[] signOnlyCalls = new int[1];
        // the baseline's pLink would win if it were asked: it comes first, but it claims no link here
        StreamModel<?> signOnly = new SignOnly(new BaselineModel(SMALL), signOnlyCalls);
        CompositeModel m = new CompositeModel(List.of(signOnly, new ChainModel()));
        InMemoryNodeStateStore<CompositeState> store = new InMemoryNodeStateStore<>();
        MicroBatchEngine<CompositeState> engine = new MicroBatchEngine<>(m, store);
        engine.process(events);
        // one wave (no node twice) and a negative per event
        List<SequencedEvent> wave = List.of(new SequencedEvent(5000, Interaction.of("0", "5", 300)),
                new SequencedEvent(5001, Interaction.of("7", "11", 300)),
                new SequencedEvent(5002, Interaction.of("999", "3", 300)));
        List<Query> queries = List.of(new Query(0, 20, 300), new Query(7, 21, 300), new Query(999, 0, 300));
        List<ModelOutput> all = engine.score(queries);
        int callsBefore = signOnlyCalls[0];
        Wave<CompositeState> w = new Wave<>(wave, states(m, store, new long[] {0, 7, 999}),
                states(m, store, new long[] {5, 11, 3}));
        ScoredWave<CompositeState> scored = m.stepWithNegatives(w, queries,
                states(m, store, queries.stream().mapToLong(Query::dst).toArray()));

        assertThat(signOnlyCalls[0]).as("the sign-only model computed nothing").isEqualTo(callsBefore);
        assertThat(scored.output()).isEqualTo(m.step(w));
        List<ModelOutput> links = scored.links();
        for (int i = 0; i < queries.size(); i++) {
            assertThat(links.get(i).pLink()).isEqualTo(all.get(i).pLink()).isNotNaN();
            assertThat(links.get(i).pPositive()).isNaN();
        }
        assertThat(m.predictsLink()).isTrue();
        assertThat(new CompositeModel(List.of(signOnly)).predictsLink()).isFalse();
        CompositeModel noLink = new CompositeModel(List.of(signOnly));
        List<CompositeState> empty = List.of(noLink.emptyState(1), noLink.emptyState(2), noLink.emptyState(3));
        assertThat(noLink.stepWithNegatives(new Wave<>(wave, empty, empty), queries, empty).links())
                .allSatisfy(o -> assertThat(o.pLink()).isNaN());
    }

    private static List<CompositeState> states(CompositeModel m, InMemoryNodeStateStore<CompositeState> store,
            long[] ids) {
        List<CompositeState> out = new ArrayList<>();
        List<CompositeState> found = store.getAll(ids);
        for (int i = 0; i < ids.length; i++) {
            out.add(found.get(i) != null ? found.get(i) : m.emptyState(ids[i]));
        }
        return out;
    }

    /** A model's sign predictions without its link: predictsLink() is false and score() calls are counted. */
    private record SignOnly<S>(StreamModel<S> inner, int[] scoreCalls) implements Wrapper<S> {
        @Override
        public List<ModelOutput> score(List<Query> queries, List<S> srcStates, List<S> dstStates) {
            scoreCalls[0]++;
            List<ModelOutput> out = new ArrayList<>();
            for (ModelOutput o : inner.score(queries, srcStates, dstStates)) {
                out.add(new ModelOutput(Float.NaN, o.pPositive(), o.weight()));
            }
            return out;
        }

        @Override
        public boolean predictsLink() {
            return false;
        }
    }

    /** A model that passes everything on to {@link #inner()}; a test overrides what it watches or changes. */
    private interface Wrapper<S> extends StreamModel<S> {
        StreamModel<S> inner();

        @Override
        default ModelInfo info() {
            return inner().info();
        }

        @Override
        default io.linkcast.state.StateCodec<S> codec() {
            return inner().codec();
        }

        @Override
        default S emptyState(long node) {
            return inner().emptyState(node);
        }

        @Override
        default WaveOutput<S> step(Wave<S> wave) {
            return inner().step(wave);
        }

        @Override
        default List<ModelOutput> score(List<Query> queries, List<S> srcStates, List<S> dstStates) {
            return inner().score(queries, srcStates, dstStates);
        }
    }
}
