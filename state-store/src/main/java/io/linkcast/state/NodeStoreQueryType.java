package io.linkcast.state;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * The interactive-query type of the {@link DecodedNodeStore}s ({@link NodeStores#queryableNodeStates()}). Kafka's own
 * key-value type does not accept them: they are not key-value stores, so that no query reads around their cache.
 * ({@code StateStoreProvider} sits in Kafka's internals package but is the parameter of the public
 * {@code QueryableStoreType}; it is only called, as the interface intends.)
 */
final class NodeStoreQueryType implements QueryableStoreType<QueryableNodeStore> {

    @Override
    public boolean accepts(StateStore store) {
        return store instanceof DecodedNodeStore;
    }

    @Override
    public QueryableNodeStore create(StateStoreProvider provider, String storeName) {
        return new QueriedNodeStores(provider, storeName, this);
    }
}
