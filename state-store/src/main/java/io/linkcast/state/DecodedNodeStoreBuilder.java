package io.linkcast.state;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds a {@link DecodedNodeStore} over what {@code records} builds: name, changelog and Kafka's own caching are the
 * byte store's, so they are set on it, and Kafka creates the changelog topic from them as for any store.
 */
final class DecodedNodeStoreBuilder implements StoreBuilder<DecodedNodeStore> {
    private final StoreBuilder<KeyValueStore<Bytes, byte[]>> records;
    private final int cacheNodes;
    private final NodeCacheReads reads;

    DecodedNodeStoreBuilder(StoreBuilder<KeyValueStore<Bytes, byte[]>> records, int cacheNodes, NodeCacheReads reads) {
        if (cacheNodes < 0) {
            throw new IllegalArgumentException("cacheNodes must be at least 0, got " + cacheNodes);
        }
        this.records = Objects.requireNonNull(records, "records");
        this.cacheNodes = cacheNodes;
        this.reads = Objects.requireNonNull(reads, "reads");
    }

    @Override
    public StoreBuilder<DecodedNodeStore> withCachingEnabled() {
        records.withCachingEnabled();
        return this;
    }

    @Override
    public StoreBuilder<DecodedNodeStore> withCachingDisabled() {
        records.withCachingDisabled();
        return this;
    }

    @Override
    public StoreBuilder<DecodedNodeStore> withLoggingEnabled(Map<String, String> config) {
        records.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<DecodedNodeStore> withLoggingDisabled() {
        records.withLoggingDisabled();
        return this;
    }

    /** A new store per task, each with a cache of its own; all count into the same {@link NodeCacheReads}. */
    @Override
    public DecodedNodeStore build() {
        return new DecodedNodeStore(records.build(), cacheNodes, reads);
    }

    @Override
    public Map<String, String> logConfig() {
        return records.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return records.loggingEnabled();
    }

    @Override
    public String name() {
        return records.name();
    }
}
