package io.linkcast.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.Test;

class NodeStoresTest {

    @Test
    void shouldBuildCompactedChangeloggedPersistentStore() {
        StoreBuilder<KeyValueStore<Bytes, byte[]>> b = NodeStores.persistent("node-state");
        assertThat(b.name()).isEqualTo("node-state");
        assertThat(b.loggingEnabled()).isTrue();
        assertThat(b.logConfig()).containsEntry("cleanup.policy", "compact");
        KeyValueStore<Bytes, byte[]> store = b.build();
        assertThat(store.persistent()).isTrue();
        assertThat(store.name()).isEqualTo("node-state");
    }

    @Test
    void shouldBuildCompactedChangeloggedInMemoryStore() {
        StoreBuilder<KeyValueStore<Bytes, byte[]>> b = NodeStores.inMemory("batch-buffer");
        assertThat(b.name()).isEqualTo("batch-buffer");
        assertThat(b.loggingEnabled()).isTrue();
        assertThat(b.logConfig()).containsEntry("cleanup.policy", "compact");
        assertThat(b.build().persistent()).isFalse();
    }

    @Test
    void shouldBuildTheNodeStateLayerOverTheCompactedChangeloggedPersistentStore() {
        StoreBuilder<DecodedNodeStore> b = NodeStores.nodeStates("node-state", 16, NodeCacheReads.NONE);
        assertThat(b.name()).isEqualTo("node-state");
        assertThat(b.loggingEnabled()).isTrue();
        assertThat(b.logConfig()).containsEntry("cleanup.policy", "compact");
        DecodedNodeStore store = b.build();
        assertThat(store.persistent()).isTrue();
        assertThat(store.name()).isEqualTo("node-state");
        // a store per task
        assertThat(b.build()).isNotSameAs(store);
        // the changelog settings are the byte store's
        assertThat(b.withLoggingDisabled()).isSameAs(b);
        assertThat(b.loggingEnabled()).isFalse();
        assertThatThrownBy(() -> NodeStores.nodeStates("node-state", -1, NodeCacheReads.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheNodes");
    }

    @Test
    void shouldQueryOnlyTheNodeStateLayer() {
        assertThat(NodeStores.queryableNodeStates().accepts(NodeStores.nodeStates("n", 1, NodeCacheReads.NONE).build()))
                .isTrue();
        assertThat(NodeStores.queryableNodeStates().accepts(NodeStores.persistent("n").build())).isFalse();
    }
}
