package io.linkcast.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.state.NodeCacheReads.Reader;
import io.linkcast.state.baseline.BaselineNodeState;
import io.linkcast.state.baseline.BaselineStateCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store layer over a real RocksDB store on disk, opened as Kafka opens it ({@code init} with the layer as root),
 * minus the changelog: MockProcessorContext has no record collector ({@link NodeStateChangelogTest} drives the
 * changelogged store). The contract runs through the processor's view with a small cache, so its batches also run
 * through evictions.
 */
class DecodedNodeStoreTest extends NodeStateStoreContract {
    private static final String STORE = "node-state";
    private final BaselineStateCodec codec = new BaselineStateCodec();
    private final List<StateStore> opened = new ArrayList<>();
    private StateStoreContext context;

    @TempDir
    Path stateDir;

    /** A task's context: MockProcessorContext keeps the store each registration names. */
    private MockProcessorContext<Object, Object> task() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "layer");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, LinkcastRocksDbConfig.class);
        props.put(LinkcastRocksDbConfig.BLOCK_CACHE_BYTES_CONFIG, 2L << 20);
        return new MockProcessorContext<>(props, new TaskId(0, 0), stateDir.toFile());
    }

    /** The test's task: a store initialised again must be so with the same metrics, as Kafka does. */
    private StateStoreContext context() {
        if (context == null) {
            context = task().getStateStoreContext();
        }
        return context;
    }

    /** A layer over {@code rocks} (built, not opened), opened as Kafka opens a store. */
    private DecodedNodeStore open(KeyValueStore<Bytes, byte[]> rocks, int cacheNodes, NodeCacheReads reads) {
        DecodedNodeStore layer = new DecodedNodeStore(rocks, cacheNodes, reads);
        layer.init(context(), layer);
        opened.add(layer);
        return layer;
    }

    private static KeyValueStore<Bytes, byte[]> rocks() {
        return NodeStores.persistent(STORE).withLoggingDisabled().build();
    }

    /** As the topology builds it, from the builder. */
    private DecodedNodeStore build(int cacheNodes, NodeCacheReads reads) {
        DecodedNodeStore layer = NodeStores.nodeStates(STORE, cacheNodes, reads).withLoggingDisabled().build();
        layer.init(context(), layer);
        opened.add(layer);
        return layer;
    }

    @Override
    protected NodeStateStore<BaselineNodeState> store() {
        return build(3, NodeCacheReads.NONE).states(codec);
    }

    @AfterEach
    void closeStores() {
        for (StateStore s : opened) {
            if (s.isOpen()) {
                s.close();
            }
        }
    }

    @Test
    void shouldServeInteractiveQueriesThroughReadOnlyView() {
        DecodedNodeStore layer = build(16, NodeCacheReads.NONE);
        NodeStateStore<BaselineNodeState> store = layer.states(codec);
        store.putAll(new long[] {7, 8}, List.of(state(7), state(8)));
        layer.dropCache(); // so that the view decodes what RocksDB holds, not the objects the stream cached
        ReadOnlyNodeStates<BaselineNodeState> view = layer.decodedWith(codec);
        assertThat(view.get(7)).isEqualTo(state(7));
        assertThat(view.get(8)).isEqualTo(state(8));
        assertThat(view.get(9)).isNull();
        assertThat(view.approximateSize()).isEqualTo(2);
    }

    @Test
    void shouldGiveQueriesTheStatesTheProcessorCachedAndCountBothReaders() {
        CountedReads counted = new CountedReads();
        DecodedNodeStore layer = build(16, counted);
        NodeStateStore<BaselineNodeState> stream = layer.states(codec);
        List<BaselineNodeState> written = List.of(state(1), state(2));
        stream.putAll(new long[] {1, 2}, written);

        // the very objects the stream wrote: the query read the processor's cache, decoding nothing
        assertThat(layer.state(1, codec)).isSameAs(written.get(0));
        assertThat(layer.decodedWith(codec).get(2)).isSameAs(written.get(1));
        assertThat(counted.hits(Reader.QUERY)).isEqualTo(2);
        assertThat(counted.misses(Reader.QUERY)).isZero();

        // a node the stream has not cached is read below, and stays uncached: the next query misses again
        layer.states(codec);
        assertThat(layer.state(1, codec)).isEqualTo(written.get(0)).isNotSameAs(written.get(0));
        assertThat(layer.state(1, codec)).isEqualTo(written.get(0));
        assertThat(layer.state(3, codec)).isNull();
        // two reads of a stored node below the cache; node 3 is stored nowhere, so nothing was read to count
        assertThat(counted.misses(Reader.QUERY)).isEqualTo(2);

        // the stream's reads are its own
        NodeStateStore<BaselineNodeState> reopened = layer.states(codec);
        assertThat(reopened.getAll(new long[] {1, 2})).isEqualTo(written);
        assertThat(reopened.getAll(new long[] {2, 1})).containsExactly(written.get(1), written.get(0));
        assertThat(counted.misses(Reader.STREAM)).isEqualTo(2);
        assertThat(counted.hits(Reader.STREAM)).isEqualTo(2);
        assertThat(counted.hits(Reader.QUERY)).isEqualTo(2);
    }

    @Test
    void shouldStartEveryCodecFromAnEmptyCacheAndKeepCounting() {
        CountedReads counted = new CountedReads();
        DecodedNodeStore layer = build(16, counted);
        layer.states(codec).putAll(new long[] {1, 2}, List.of(state(1), state(2)));
        BaselineStateCodec swapped = new BaselineStateCodec();

        // a query in the replacement's codec, before the stream has switched: read below, decoded by it
        assertThat(layer.state(1, swapped)).isEqualTo(state(1));
        assertThat(counted.misses(Reader.QUERY)).isEqualTo(1);
        assertThat(layer.state(1, codec)).isEqualTo(state(1));
        assertThat(counted.hits(Reader.QUERY)).isEqualTo(1);

        // the stream switches: nothing of the old codec is served any more, in either codec
        NodeStateStore<BaselineNodeState> after = layer.states(swapped);
        assertThat(layer.state(2, codec)).isEqualTo(state(2));
        assertThat(counted.misses(Reader.QUERY)).isEqualTo(2);
        assertThat(after.getAll(new long[] {1, 2})).containsExactly(state(1), state(2));
        assertThat(counted.misses(Reader.STREAM)).isEqualTo(2);
        assertThat(layer.state(2, swapped)).isEqualTo(state(2));
        assertThat(counted.hits(Reader.QUERY)).isEqualTo(2);
    }

    @Test
    void shouldNeverServeACachedStateOlderThanWhatIsWrittenBelowIt() {
        KeyValueStore<Bytes, byte[]> rocks = rocks();
        DecodedNodeStore layer = open(rocks, 16, NodeCacheReads.NONE);
        layer.states(codec).putAll(new long[] {1}, List.of(state(1)));
        // a write below the layer, as restoration or a standby's update writes (here only to show what it does to a
        // cache nobody empties)
        rocks.put(NodeKeys.toKey(1), codec.encode(state(101)));
        assertThat(layer.state(1, codec)).isEqualTo(state(1));

        // an active task recycled into a standby: the processor closes
        layer.dropCache();
        assertThat(layer.state(1, codec)).isEqualTo(state(101));

        // a standby recycled into an active task: the processor's init opens its view
        NodeStateStore<BaselineNodeState> stream = layer.states(codec);
        stream.getAll(new long[] {1});
        rocks.put(NodeKeys.toKey(1), codec.encode(state(102)));
        NodeStateStore<BaselineNodeState> recycled = layer.states(codec);
        assertThat(recycled.getAll(new long[] {1})).containsExactly(state(102));

        // a task revived after corruption: Kafka closes its stores and initialises them again
        rocks.put(NodeKeys.toKey(1), codec.encode(state(103)));
        layer.close();
        layer.init(context(), layer);
        assertThat(layer.state(1, codec)).isEqualTo(state(103));
        assertThat(recycled.getAll(new long[] {1})).containsExactly(state(103));
    }

    @Test
    void shouldEmptyTheCacheAtInit() {
        KeyValueStore<Bytes, byte[]> rocks = rocks();
        DecodedNodeStore layer = open(rocks, 16, NodeCacheReads.NONE);
        NodeStateStore<BaselineNodeState> stream = layer.states(codec);
        stream.putAll(new long[] {1}, List.of(state(1)));
        // restored below while closed, then opened again: init alone must forget what was cached before
        rocks.close();
        rocks.init(context(), layer);
        rocks.put(NodeKeys.toKey(1), codec.encode(state(101)));
        rocks.close();
        layer.init(context(), layer);
        assertThat(layer.state(1, codec)).isEqualTo(state(101));
        assertThat(stream.getAll(new long[] {1})).containsExactly(state(101));
    }

    @Test
    void shouldBeTheStoreKafkaRegistersRestoresAndCommits() {
        MockProcessorContext<Object, Object> task = task();
        DecodedNodeStore layer = NodeStores.nodeStates(STORE, 16, NodeCacheReads.NONE).withLoggingDisabled().build();
        layer.init(task.getStateStoreContext(), layer);
        opened.add(layer);
        // the store RocksDB registered for restoration and commits, by name
        assertThat((StateStore) task.getStateStore(STORE)).isSameAs(layer);
        assertThat(layer.name()).isEqualTo(STORE);
        assertThat(layer.persistent()).isTrue();
        assertThat(layer.isOpen()).isTrue();
        layer.close();
        assertThat(layer.isOpen()).isFalse();
    }

    @Test
    void shouldKeepStatesAcrossRestart() {
        DecodedNodeStore first = build(16, NodeCacheReads.NONE);
        first.states(codec).putAll(new long[] {1, 2}, List.of(state(1), state(2)));
        first.close();

        CountedReads counted = new CountedReads();
        DecodedNodeStore restarted = build(16, counted);
        assertThat(restarted.state(2, codec)).isEqualTo(state(2));
        assertThat(restarted.states(codec).getAll(new long[] {2, 1, 3})).containsExactly(state(2), state(1), null);
        assertThat(counted.misses(Reader.STREAM)).isEqualTo(3);
        assertThat(counted.misses(Reader.QUERY)).isEqualTo(1);
    }

    @Test
    void shouldReadAndWriteWithoutACacheWhenGivenNoCapacity() {
        CountedReads counted = new CountedReads();
        DecodedNodeStore layer = build(0, counted);
        NodeStateStore<BaselineNodeState> stream = layer.states(codec);
        stream.putAll(new long[] {1}, List.of(state(1)));
        assertThat(stream.getAll(new long[] {1, 2})).containsExactly(state(1), null);
        assertThat(layer.state(1, codec)).isEqualTo(state(1));
        assertThat(counted.hits(Reader.STREAM) + counted.misses(Reader.STREAM) + counted.hits(Reader.QUERY)
                + counted.misses(Reader.QUERY)).isZero();
    }

    @Test
    void shouldListTheStoredRecordsAsTheyAre() {
        DecodedNodeStore layer = build(16, NodeCacheReads.NONE);
        layer.states(codec).putAll(new long[] {2, 1}, List.of(state(2), state(1)));
        assertThat(layer.record(1)).isEqualTo(codec.encode(state(1)));
        assertThat(layer.record(3)).isNull();
        List<Long> ids = new ArrayList<>();
        try (var it = layer.records()) {
            it.forEachRemaining(kv -> ids.add(NodeKeys.fromKey(kv.key)));
        }
        assertThat(ids).containsExactly(1L, 2L);
        assertThat(layer.approximateNumEntries()).isEqualTo(2);
    }

    /**
     * The stream thread reads and writes batches (each node's state counts its writes) while query threads read
     * nodes: a query never sees a state older than the last write of that node completed before it started, nor one
     * older than it saw before. A query adding the state it read below to the cache fails here within a second (its
     * read can be overtaken by the stream's next write of the node); the cache's lock has a test of its own.
     */
    @Test
    void shouldNeverGiveAQueryAStateOlderThanTheLastWriteBeforeIt() throws Exception {
        int nodes = 300;
        CountedReads counted = new CountedReads();
        DecodedNodeStore layer = build(200, counted);
        NodeStateStore<BaselineNodeState> stream = layer.states(codec);
        AtomicIntegerArray written = new AtomicIntegerArray(nodes);
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> queries = new ArrayList<>();
        for (int q = 0; q < 3; q++) {
            int seed = q;
            Thread t = new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                int[] seen = new int[nodes];
                try {
                    while (running.get()) {
                        int id = rnd.nextInt(nodes);
                        int floor = written.get(id);
                        BaselineNodeState s = layer.state(id, codec);
                        int v = s == null ? 0 : (int) s.events();
                        if (v < floor || v < seen[id]) {
                            failures.add("node " + id + ": read version " + v + " after " + floor + " was written and "
                                    + seen[id] + " seen");
                        }
                        seen[id] = v;
                    }
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
            }, "query-" + q);
            queries.add(t);
            t.start();
        }
        SplittableRandom rnd = new SplittableRandom(42);
        try {
            for (int batch = 0; batch < 1500 && failures.isEmpty(); batch++) {
                long[] ids = rnd.longs(0, nodes).distinct().limit(40).toArray();
                List<BaselineNodeState> before = stream.getAll(ids);
                List<BaselineNodeState> after = new ArrayList<>(ids.length);
                for (int i = 0; i < ids.length; i++) {
                    BaselineNodeState s = before.get(i);
                    int expected = written.get((int) ids[i]);
                    if ((s == null ? 0 : s.events()) != expected) {
                        failures.add("the stream read node " + ids[i] + " at " + (s == null ? 0 : s.events())
                                + ", wrote " + expected);
                    }
                    after.add((s == null ? BaselineNodeState.empty(4) : s).withOutgoing(ids[i] + 1, batch, 1));
                }
                stream.putAll(ids, after);
                for (long id : ids) {
                    written.incrementAndGet((int) id);
                }
            }
        } finally {
            running.set(false);
            for (Thread t : queries) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                if (t.isAlive()) {
                    failures.add(t.getName() + " still reading: a corrupted cache loops");
                }
            }
        }
        assertThat(failures).isEmpty();
        // both ways of answering a query were taken
        assertThat(counted.hits(Reader.QUERY)).isPositive();
        assertThat(counted.misses(Reader.QUERY)).isPositive();
        assertThat(counted.hits(Reader.STREAM)).isPositive();
    }
}
