package io.linkcast.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * An instance's node stores as an interactive query sees them: each of its tasks' {@link DecodedNodeStore}s (one
 * without partitioned state; one per partition it owns with), or the one of the partition asked for. As Kafka's own
 * composite store does, the stores are looked up again at every call, so a call after a rebalance reads the stores
 * of then, or throws {@code InvalidStateStoreException} while there are none.
 */
final class QueriedNodeStores implements QueryableNodeStore {
    private final StateStoreProvider provider;
    private final String storeName;
    private final QueryableStoreType<QueryableNodeStore> type;

    QueriedNodeStores(StateStoreProvider provider, String storeName, QueryableStoreType<QueryableNodeStore> type) {
        this.provider = provider;
        this.storeName = storeName;
        this.type = type;
    }

    private List<QueryableNodeStore> stores() {
        return provider.stores(storeName, type);
    }

    @Override
    public <S> S state(long id, StateCodec<S> codec) {
        for (QueryableNodeStore store : stores()) {
            S s = store.state(id, codec);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    @Override
    public byte[] record(long id) {
        for (QueryableNodeStore store : stores()) {
            byte[] r = store.record(id);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> records() {
        return new Concatenated(new ArrayList<>(stores()).iterator());
    }

    /** The sum of the stores' estimates, at most {@code Long.MAX_VALUE} (as Kafka's composite store caps it). */
    @Override
    public long approximateNumEntries() {
        long total = 0;
        for (QueryableNodeStore store : stores()) {
            total += store.approximateNumEntries();
            if (total < 0) {
                return Long.MAX_VALUE;
            }
        }
        return total;
    }

    /** The records of one store after the other's, each store's iterator opened when the previous one ends. */
    private static final class Concatenated implements KeyValueIterator<Bytes, byte[]> {
        private final Iterator<QueryableNodeStore> stores;
        private KeyValueIterator<Bytes, byte[]> current;

        Concatenated(Iterator<QueryableNodeStore> stores) {
            this.stores = stores;
        }

        @Override
        public boolean hasNext() {
            while (current == null || !current.hasNext()) {
                if (current != null) {
                    current.close();
                    current = null;
                }
                if (!stores.hasNext()) {
                    return false;
                }
                current = stores.next().records();
            }
            return true;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.peekNextKey();
        }

        @Override
        public void close() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
