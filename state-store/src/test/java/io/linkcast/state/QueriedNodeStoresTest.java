package io.linkcast.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.NodeCacheReads.Reader;
import io.linkcast.state.baseline.BaselineNodeState;
import io.linkcast.state.baseline.BaselineStateCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

/** An instance's node stores as one interactive query reads them: one store per task (per partition it owns). */
class QueriedNodeStoresTest {
    private static final String STORE = "node-state";
    private final BaselineStateCodec codec = new BaselineStateCodec();

    /** A task's layer over an in-memory byte store: the composite does not care what is below. */
    private static DecodedNodeStore task(int partition, NodeCacheReads reads) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "queried");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<Object, Object> ctx = new MockProcessorContext<>(props, new TaskId(0, partition),
                new java.io.File(System.getProperty("java.io.tmpdir")));
        DecodedNodeStore layer = new DecodedNodeStore(NodeStores.inMemory(STORE).withLoggingDisabled().build(), 8,
                reads);
        layer.init(ctx.getStateStoreContext(), layer);
        return layer;
    }

    @Test
    void shouldReadEachNodeFromTheTaskHoldingItThroughItsCache() {
        CountedReads counted = new CountedReads();
        DecodedNodeStore p0 = task(0, counted);
        DecodedNodeStore p1 = task(1, counted);
        p0.states(codec).putAll(new long[] {2, 4}, List.of(state(2), state(4)));
        List<BaselineNodeState> odd = List.of(state(1), state(3));
        p1.states(codec).putAll(new long[] {1, 3}, odd);
        QueryableNodeStore queried = NodeStores.queryableNodeStates().create(QueryableStores.of(p0, p1), STORE);

        assertThat(queried.state(4, codec)).isEqualTo(state(4));
        assertThat(queried.state(3, codec)).isSameAs(odd.get(1));
        assertThat(queried.state(5, codec)).isNull();
        assertThat(queried.decodedWith(codec).get(1)).isSameAs(odd.get(0));
        p1.dropCache();
        assertThat(queried.state(3, codec)).isEqualTo(state(3)).isNotSameAs(odd.get(1));
        // 4: a hit at p0; 3 and 1: hits at p1, which holds them; 5: held nowhere, no read to count; 3 again after
        // p1's cache went: a miss at p1. A store that does not hold the node counts nothing (p0 for 1 and 3).
        assertThat(counted.hits(Reader.QUERY)).isEqualTo(3);
        assertThat(counted.misses(Reader.QUERY)).isEqualTo(1);
        assertThat(queried.record(2)).isEqualTo(codec.encode(state(2)));
        assertThat(queried.record(3)).isEqualTo(codec.encode(state(3)));
        assertThat(queried.record(5)).isNull();
        assertThat(queried.approximateNumEntries()).isEqualTo(4);

        List<Long> all = new ArrayList<>();
        try (KeyValueIterator<org.apache.kafka.common.utils.Bytes, byte[]> it = queried.records()) {
            assertThat(it.peekNextKey()).isEqualTo(NodeKeys.toKey(2));
            it.forEachRemaining(kv -> all.add(NodeKeys.fromKey(kv.key)));
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        }
        assertThat(all).containsExactly(2L, 4L, 1L, 3L);
    }

    @Test
    void shouldLookTheStoresUpAgainAtEveryCallAsARebalanceMovesThem() {
        DecodedNodeStore p0 = task(0, NodeCacheReads.NONE);
        DecodedNodeStore p1 = task(1, NodeCacheReads.NONE);
        p0.states(codec).putAll(new long[] {2}, List.of(state(2)));
        p1.states(codec).putAll(new long[] {1}, List.of(state(1)));
        QueryableNodeStore queried = NodeStores.queryableNodeStates().create(QueryableStores.of(p0, p1), STORE);
        assertThat(queried.state(1, codec)).isEqualTo(state(1));

        p1.close();
        assertThat(queried.state(1, codec)).isNull();
        assertThat(queried.state(2, codec)).isEqualTo(state(2));
        assertThat(queried.approximateNumEntries()).isEqualTo(1);
        p0.close();
        assertThatThrownBy(() -> queried.state(2, codec)).isInstanceOf(InvalidStateStoreException.class);
    }

    private static BaselineNodeState state(long seed) {
        return NodeStateStoreContract.state(seed);
    }
}
