package io.linkcast.state;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams stores of the stream app. Both are byte stores (keys from {@link NodeKeys}, values
 * encoded by the caller) and both are changelogged to a compacted topic {@code <application.id>-<name>-changelog},
 * so a restart or a new owner of the task restores them.
 *
 * <p>Add a builder with {@code Topology.addStateStore(builder, processorName)} or
 * {@code StreamsBuilder.addStateStore(builder)}, then wrap the store with {@link KeyValueNodeStateStore}.
 */
public final class NodeStores {
    private static final Map<String, String> COMPACTED =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    private NodeStores() {
    }

    /**
     * The node-state store: RocksDB (tune it with {@link LinkcastRocksDbConfig} via {@code rocksdb.config.setter}),
     * changelogged and compacted (only a node's latest record matters). Without Kafka's record cache: the engine
     * already writes a node once per micro-batch, and decoded records are cached in front of the store
     * ({@code CachedNodeStateStore}). With the cache, the batch's writes reached the changelog in a burst at each
     * commit, which the stream thread then waited for. Without it, the writes stream out as batches finish: more
     * throughput and a lower p99 in the benchmark (docs/results.md).
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
