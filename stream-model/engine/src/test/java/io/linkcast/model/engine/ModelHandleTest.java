package io.linkcast.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.StateCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hot swap is checked on real stored records (issue 15, item 3): a replacement that reads an empty record but
 * misreads stored ones, or scores them into nonsense, is refused with the node it failed on.
 */
class ModelHandleTest {
    private final ChainModel running = new ChainModel();

    /** Records the running model wrote for a seeded stream. */
    private List<StoredNode> stored() {
        InMemoryNodeStateStore<Long> store = new InMemoryNodeStateStore<>();
        new MicroBatchEngine<>(running, store).process(MicroBatchEngineTest.stream(3, 400));
        List<StoredNode> out = new ArrayList<>();
        for (long id = 0; out.size() < 16 && id < 10_000; id++) {
            Long s = store.getAll(new long[] {id}).get(0);
            if (s != null) {
                out.add(new StoredNode(id, running.codec().encode(s)));
            }
        }
        return out;
    }

    @Test
    void shouldAcceptAModelThatReadsTheStoredRecords() {
        ModelHandle<Long> handle = new ModelHandle<>(running);
        ChainModel retrained = new ChainModel();

        handle.swap(retrained, stored(), 500);

        assertThat(handle.current()).isSameAs(retrained);
    }

    @Test
    void shouldRefuseACodecThatReadsOnlyAnEmptyRecordRight() {
        ModelHandle<Long> handle = new ModelHandle<>(running);
        StreamModel<Long> misreading = new ForwardingModel<>(running) {
            @Override
            public StateCodec<Long> codec() {
                return new ForgetfulCodec(inner.codec(), running.emptyState(1));
            }
        };
        List<StoredNode> stored = stored();

        assertThat(handle.swap(misreading).name()).as("an empty record alone passes").isEqualTo(running.info().name());
        handle.swap(running);
        assertThatThrownBy(() -> handle.swap(misreading, stored, 500)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the stored record of node " + stored.get(0).id());
        assertThat(handle.current()).isSameAs(running);
    }

    @Test
    void shouldRefuseAModelWhoseScoresOnStoredNodesAreNotProbabilities() {
        ModelHandle<Long> handle = new ModelHandle<>(running);
        StreamModel<Long> broken = new ForwardingModel<>(running) {
            @Override
            public List<ModelOutput> score(List<Query> queries, List<Long> src, List<Long> dst) {
                return inner.score(queries, src, dst).stream()
                        .map(o -> new ModelOutput(Float.NaN, o.pPositive(), o.weight())).toList();
            }
        };
        List<StoredNode> stored = stored();

        assertThatThrownBy(() -> handle.swap(broken, stored, 500)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scores the stored nodes " + stored.get(0).id() + " → " + stored.get(1).id())
                .hasMessageContaining("p_link is NaN");
        assertThat(handle.current()).isSameAs(running);
    }

    /** Reads every record as an empty node's: right for an empty record, wrong for every node with a history. */
    private record ForgetfulCodec(StateCodec<Long> inner, Long empty)
            implements StateCodec<Long> {
        @Override
        public int version() {
            return inner.version();
        }

        @Override
        public byte[] encode(Long s) {
            return inner.encode(s);
        }

        @Override
        public Long decode(byte[] b) {
            inner.decode(b);
            return empty;
        }
    }
}
