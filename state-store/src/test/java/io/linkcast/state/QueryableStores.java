package io.linkcast.state;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * What Kafka's store provider gives an interactive query, over stores a test holds: the open ones the type accepts
 * (as Kafka casts them to the type's view), or InvalidStateStoreException when there are none, as while a rebalance
 * moves them.
 */
final class QueryableStores implements StateStoreProvider {
    private final List<StateStore> stores;

    private QueryableStores(List<StateStore> stores) {
        this.stores = stores;
    }

    static QueryableStores of(StateStore... stores) {
        return new QueryableStores(List.of(stores));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<T> stores(String storeName, QueryableStoreType<T> queryableStoreType) {
        List<T> out = new ArrayList<>();
        for (StateStore s : stores) {
            if (s.name().equals(storeName) && s.isOpen() && queryableStoreType.accepts(s)) {
                out.add((T) s);
            }
        }
        if (out.isEmpty()) {
            throw new InvalidStateStoreException("no open store " + storeName + " here (migrated, or rebalancing)");
        }
        return out;
    }
}
