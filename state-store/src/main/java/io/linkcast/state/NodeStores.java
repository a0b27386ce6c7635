package io.linkcast.state;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams stores of the stream app. Each is changelogged to a compacted topic
 * {@code <application.id>-<name>-changelog}, so a restart or a new owner of the task restores it. The node states
 * are a {@link DecodedNodeStore} (keys from {@link NodeKeys}, records of the model's codec, decoded ones cached);
 * the others are byte stores whose values the caller encodes.
 *
 * <p>Add a builder with {@code Topology.addStateStore(builder, processorName)} or
 * {@code StreamsBuilder.addStateStore(builder)}; a processor then gets the store from its context, and an
 * interactive query reads the node states with {@link #queryableNodeStates()}.
 */
public final class NodeStores {
    private static final Map<String, String> COMPACTED =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    private static final NodeStoreQueryType QUERYABLE = new NodeStoreQueryType();

    private NodeStores() {
    }

    /**
     * The node states of a model: a {@link DecodedNodeStore} keeping the decoded states of the {@code cacheNodes} most
     * recently used nodes (0: none) over the {@link #persistent} byte store of the same name; its cache reads are
     * counted into {@code reads}. Each task gets a store, and a cache, of its own.
     */
    public static StoreBuilder<DecodedNodeStore> nodeStates(String name, int cacheNodes, NodeCacheReads reads) {
        return new DecodedNodeStoreBuilder(persistent(name), cacheNodes, reads);
    }

    /**
     * The interactive-query type of {@link #nodeStates} stores, for {@code KafkaStreams.store(
     * StoreQueryParameters.fromNameAndType(name, NodeStores.queryableNodeStates()))}: reads go through the same
     * layer, and cache, as the processor's.
     */
    public static QueryableStoreType<QueryableNodeStore> queryableNodeStates() {
        return QUERYABLE;
    }

    /**
     * A persistent byte store (the one below {@link #nodeStates}, the reverse dictionary of ids): RocksDB (tune it with
     * {@link LinkcastRocksDbConfig} via {@code rocksdb.config.setter}), changelogged and compacted (only a key's latest
     * record matters). Without Kafka's record cache: the engine already writes a node once per micro-batch, and decoded
     * records are cached above the store ({@link DecodedNodeStore}). With Kafka's cache, the batch's writes reached the
     * changelog in a burst at each commit, which the stream thread then waited for. Without it, the writes stream out
     * as batches finish: more throughput and a lower p99 in the benchmark (docs/results.md).
     */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> persistent(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingEnabled(COMPACTED)
                .withCachingDisabled();
    }

    /**
     * An in-memory store, changelogged and compacted: the micro-batch buffer. Records of a batch not yet processed
     * live here, so that after a crash the restored buffer resumes the batch whose input offsets were already
     * committed (architecture, "Kafka Streams"). Without a cache, so every write is on its way to the changelog at
     * the next commit, in write order.
     */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> inMemory(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingEnabled(COMPACTED)
                .withCachingDisabled();
    }
}
