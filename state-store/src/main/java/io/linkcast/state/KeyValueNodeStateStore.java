package io.linkcast.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A {@link NodeStateStore} over a Kafka Streams byte store (the records below a {@link DecodedNodeStore}: RocksDB,
 * changelogged): keys are {@link NodeKeys}, values are records of {@code codec}.
 *
 * <p>{@link #getAll} issues one {@code get} per id: Kafka's {@code KeyValueStore} has no multi-get, and
 * {@link CachedNodeStateStore} in front serves the hot nodes of consecutive batches. {@link #putAll} hands the whole
 * batch to {@code KeyValueStore.putAll} in one call, in order, so a repeated id keeps its last state.
 *
 * <p>Called by the stream thread that owns {@code store}. Does not close the store (Kafka Streams does).
 *
 * @param <S> the state type
 */
final class KeyValueNodeStateStore<S> implements NodeStateStore<S> {
    private final KeyValueStore<Bytes, byte[]> store;
    private final StateCodec<S> codec;

    KeyValueNodeStateStore(KeyValueStore<Bytes, byte[]> store, StateCodec<S> codec) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public List<S> getAll(long[] ids) {
        List<byte[]> records = new ArrayList<>(ids.length);
        for (long id : ids) {
            records.add(store.get(NodeKeys.toKey(id)));
        }
        try {
            return codec.decodeAll(records);
        } catch (RuntimeException batch) {
            throw unreadable(ids, records, batch);
        }
    }

    /** The failure of a batch's decoding, naming the node whose stored record cannot be decoded. */
    private RuntimeException unreadable(long[] ids, List<byte[]> records, RuntimeException batch) {
        for (int i = 0; i < ids.length; i++) {
            try {
                codec.decodeAll(Collections.singletonList(records.get(i)));
            } catch (RuntimeException one) {
                StateFormatException named = new StateFormatException("the stored record of node " + ids[i] + " ("
                        + records.get(i).length + " bytes) cannot be decoded: " + one.getMessage());
                named.initCause(one);
                return named;
            }
        }
        return batch;
    }

    /** Stores the batch; a null state deletes the node, as a null value does in Kafka's stores. */
    @Override
    public void putAll(long[] ids, List<S> states) {
        if (ids.length != states.size()) {
            throw new IllegalArgumentException("ids and states differ in length: " + ids.length + "/" + states.size());
        }
        List<byte[]> values = codec.encodeAll(states);
        List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            entries.add(KeyValue.pair(NodeKeys.toKey(ids[i]), values.get(i)));
        }
        store.putAll(entries);
    }

    /** Kafka's estimate: for RocksDB, {@code rocksdb.estimate-num-keys}, which overwrites can inflate. */
    @Override
    public long approximateSize() {
        return store.approximateNumEntries();
    }
}
