package io.linkcast.state;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * What an interactive query reads of the node states: one {@link DecodedNodeStore}, or all of an instance's through
 * {@link NodeStores#queryableNodeStates()} ({@code KafkaStreams.store(...)}). Safe to call from any thread. While the
 * stores are not queryable (a rebalance, a restore), calls throw Kafka's {@code InvalidStateStoreException}, which the
 * caller maps to "try again".
 */
public interface QueryableNodeStore {

    /**
     * The state of node {@code id} decoded with {@code codec}, or null if no store holds one: from the decoded-state
     * cache when it holds the node in this codec, else read and decoded. A query never adds to the cache.
     */
    <S> S state(long id, StateCodec<S> codec);

    /** The stored record of node {@code id} as it is, or null: for another instance, which decodes it itself. */
    byte[] record(long id);

    /** Every stored record, store after store, each store's in key order; close it after use. */
    KeyValueIterator<Bytes, byte[]> records();

    /** Approximate number of nodes held (Kafka's estimate: for RocksDB, overwrites inflate it). */
    long approximateNumEntries();

    /** The states in {@code codec}: a typed view of this store. */
    default <S> ReadOnlyNodeStates<S> decodedWith(StateCodec<S> codec) {
        return new ReadOnlyNodeStates<>(this, codec);
    }
}
