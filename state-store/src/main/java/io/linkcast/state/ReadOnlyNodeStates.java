package io.linkcast.state;

import java.util.Objects;

/**
 * Node states read through an interactive query, in the codec of the model serving now: a typed view of a
 * {@link QueryableNodeStore}, through the same decoded-state cache as the processor. Safe to call from HTTP threads. A
 * rebalance makes calls throw Kafka's {@code InvalidStateStoreException}, which the caller maps to "try again".
 *
 * @param <S> the state type
 */
public final class ReadOnlyNodeStates<S> {
    private final QueryableNodeStore store;
    private final StateCodec<S> codec;

    public ReadOnlyNodeStates(QueryableNodeStore store, StateCodec<S> codec) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** The state of node {@code id}, or null if the store holds none. */
    public S get(long id) {
        return store.state(id, codec);
    }

    /** Approximate number of nodes held (Kafka's estimate). */
    public long approximateSize() {
        return store.approximateNumEntries();
    }
}
