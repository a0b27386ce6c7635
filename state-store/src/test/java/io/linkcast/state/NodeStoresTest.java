package io.linkcast.state;

import static org.assertj.core.api.Assertions.assertThat;

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
}
