package io.linkcast.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.state.baseline.BaselineNodeState;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryNodeStateStoreTest extends NodeStateStoreContract {

    @Override
    protected NodeStateStore<BaselineNodeState> store() {
        return new InMemoryNodeStateStore<>();
    }

    @Test
    void shouldForgetEverythingOnClear() {
        InMemoryNodeStateStore<BaselineNodeState> store = new InMemoryNodeStateStore<>();
        store.putAll(new long[] {1, 2}, List.of(state(1), state(2)));
        store.clear();
        assertThat(store.approximateSize()).isZero();
        assertThat(store.getAll(new long[] {1, 2})).containsExactly(null, null);
    }
}
