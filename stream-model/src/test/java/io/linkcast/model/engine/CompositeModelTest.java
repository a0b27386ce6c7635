package io.linkcast.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.StateFormatException;
import java.util.ArrayList;
import java.util.List;
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
}
