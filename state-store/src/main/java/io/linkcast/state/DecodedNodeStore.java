package io.linkcast.state;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The node-state store as Kafka Streams holds it: a store layer with the decoded states of the most recently used
 * nodes, on top of the byte store that {@link NodeStores#persistent} builds (Kafka's metered, change-logging and
 * RocksDB layers). The processor ({@link #states}) and interactive queries ({@link NodeStores#queryableNodeStates()})
 * both read through it, so a query finds what the stream has just cached, and both count their cache reads into
 * {@link NodeCacheReads}. Build it with {@link NodeStores#nodeStates}.
 *
 * <p>The stack, top first: this layer (decoded records, counted) → metered → change-logging → RocksDB. Kafka stacks
 * metered → caching → change-logging → RocksDB, its cache holding bytes under the metered layer's serdes. This one is
 * above them because its cache holds decoded records, whose codec is the model's and changes at a hot swap (no serde
 * fixed when the topology is built can be it), and because Kafka's caching and change-logging classes are internal
 * (not public API): the public builder gives metered(change-logging(RocksDB)), and this layer wraps it. Kafka's own
 * byte cache stays off ({@link NodeStores#persistent} says why).
 *
 * <p>Not a {@code KeyValueStore}: Kafka hands a processor a key-value store wrapped in a decorator of its own, and
 * queries of the built-in key-value type would read around the cache. So the records as bytes are read through
 * {@link QueryableNodeStore} only, and every write goes through the stream's view.
 *
 * <p>Kafka registers, restores, commits and closes this layer as the store ({@link #init} passes it down as the root):
 * restoration and a standby's updates write to RocksDB below the cache. So the cache is emptied whenever states may
 * have been written below it: at {@link #init} (a new or revived task), when the processor opens its view at its init
 * ({@link #states}; a standby recycled into an active task is not initialised again, its processor is) and when it
 * closes ({@link #dropCache}; an active task recycled into a standby keeps this instance), and at {@link #close}.
 */
public final class DecodedNodeStore implements StateStore, QueryableNodeStore {
    private final KeyValueStore<Bytes, byte[]> records;
    private final DecodedStateCache cache;

    /**
     * @param records the byte store below, not yet initialised
     * @param cacheNodes nodes kept decoded; 0 for none
     */
    DecodedNodeStore(KeyValueStore<Bytes, byte[]> records, int cacheNodes, NodeCacheReads reads) {
        this.records = Objects.requireNonNull(records, "records");
        this.cache = new DecodedStateCache(cacheNodes, reads);
    }

    /**
     * The processor's view: batches of states in {@code codec}, read and written through the cache. Opened at the
     * processor's init and again at a hot swap; opening it empties the cache (a state decoded otherwise, or restored
     * below since, must not be served). One view at a time: another view's call empties the cache for its own codec.
     */
    public <S> NodeStateStore<S> states(StateCodec<S> codec) {
        cache.clear();
        NodeStateStore<S> stored = new KeyValueNodeStateStore<>(records, codec);
        return cache.enabled() ? new CachedNodeStateStore<>(stored, cache, codec) : stored;
    }

    /** Empties the cache: the processor closes, and its task may become a standby whose updates go below it. */
    public void dropCache() {
        cache.clear();
    }

    /**
     * From the cache when it holds the node in {@code codec}, which counts as a query's hit; else read below and
     * decoded, which counts as a miss when the node is stored here, and is not added: queries ask for any node, and
     * adding them would push out the stream's hot nodes (the stream comes first); and only the stream thread filling
     * the cache keeps it from ever holding a state older than the one below. A node this store does not hold counts
     * nothing: an instance with several tasks asks each of them, and only the owner's answer is a read.
     */
    @Override
    public <S> S state(long id, StateCodec<S> codec) {
        if (cache.enabled()) {
            S held = cache.find(id, codec);
            if (held != null) {
                cache.countQuery(true);
                return held;
            }
        }
        byte[] bytes = record(id);
        if (bytes == null) {
            return null;
        }
        if (cache.enabled()) {
            cache.countQuery(false);
        }
        return codec.decode(bytes);
    }

    @Override
    public byte[] record(long id) {
        return records.get(NodeKeys.toKey(id));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> records() {
        return records.all();
    }

    @Override
    public long approximateNumEntries() {
        return records.approximateNumEntries();
    }

    @Override
    public String name() {
        return records.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        records.init(context, root);
        cache.clear();
    }

    /** Deprecated in Kafka for {@link #commit}, which it calls; delegated all the same, as every call is. */
    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        records.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        records.commit(changelogOffsets);
    }

    @Override
    @SuppressWarnings("deprecation")
    public boolean managesOffsets() {
        return records.managesOffsets();
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return records.committedOffset(partition);
    }

    @Override
    public void close() {
        cache.clear();
        records.close();
    }

    @Override
    public boolean persistent() {
        return records.persistent();
    }

    @Override
    public boolean isOpen() {
        return records.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return records.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return records.getPosition();
    }
}
