package io.linkcast.state;

import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Node states read through an interactive query ({@code KafkaStreams.store(...)} with
 * {@code QueryableStoreTypes.keyValueStore()}), decoded with the model's codec. Safe to call from HTTP threads:
 * Kafka's read-only view is; the codec is stateless. A rebalance makes calls throw Kafka's
 * {@code InvalidStateStoreException}, which the caller maps to "try again".
 *
 * @param <S> the state type
 */
public final class ReadOnlyNodeStates<S> {
    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;
    private final StateCodec<S> codec;

    public ReadOnlyNodeStates(ReadOnlyKeyValueStore<Bytes, byte[]> store, StateCodec<S> codec) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** The state of node {@code id}, or null if the store holds none. */
    public S get(long id) {
        byte[] bytes = store.get(NodeKeys.toKey(id));
        return bytes == null ? null : codec.decode(bytes);
    }

    /** Approximate number of nodes held (Kafka's estimate). */
    public long approximateSize() {
        return store.approximateNumEntries();
    }
}
