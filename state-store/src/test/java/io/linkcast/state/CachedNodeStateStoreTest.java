package io.linkcast.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.baseline.BaselineNodeState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachedNodeStateStoreTest extends NodeStateStoreContract {

    @Override
    protected NodeStateStore<BaselineNodeState> store() {
        // small, so the contract's batches also run through evictions
        return new CachedNodeStateStore<>(new InMemoryNodeStateStore<>(), 3);
    }

    /** Records the ids each getAll asks the store below for. */
    private static final class Reads implements NodeStateStore<BaselineNodeState> {
        final InMemoryNodeStateStore<BaselineNodeState> data = new InMemoryNodeStateStore<>();
        final List<long[]> asked = new ArrayList<>();

        @Override
        public List<BaselineNodeState> getAll(long[] ids) {
            asked.add(ids.clone());
            return data.getAll(ids);
        }

        @Override
        public void putAll(long[] ids, List<BaselineNodeState> states) {
            data.putAll(ids, states);
        }

        @Override
        public long approximateSize() {
            return data.approximateSize();
        }
    }

    @Test
    void shouldAnswerRecentNodesItselfWriteThroughAndEvictTheLeastRecentlyUsed() {
        Reads inner = new Reads();
        inner.data.putAll(new long[] {1, 2, 3}, List.of(state(1), state(2), state(3)));
        CachedNodeStateStore<BaselineNodeState> cached = new CachedNodeStateStore<>(inner, 2);

        assertThat(cached.getAll(new long[] {1, 2})).containsExactly(state(1), state(2));
        assertThat(cached.getAll(new long[] {2, 1, 9})).containsExactly(state(2), state(1), null);
        // only the node it does not hold went down
        assertThat(inner.asked).extracting(Arrays::toString).containsExactly("[1, 2]", "[9]");
        assertThat(cached.hits()).isEqualTo(2);
        assertThat(cached.misses()).isEqualTo(3);

        // written through, and then read from memory
        cached.putAll(new long[] {4}, List.of(state(40)));
        assertThat(inner.data.getAll(new long[] {4})).containsExactly(state(40));
        inner.asked.clear();
        assertThat(cached.getAll(new long[] {4, 1})).containsExactly(state(40), state(1));
        assertThat(inner.asked).isEmpty();

        // capacity 2 holds 4 and 1 now: 2 was the least recently used and is read again from below
        assertThat(cached.getAll(new long[] {2})).containsExactly(state(2));
        assertThat(inner.asked).extracting(Arrays::toString).containsExactly("[2]");

        // a deletion is not answered from memory
        cached.putAll(new long[] {2}, java.util.Collections.singletonList(null));
        assertThat(cached.getAll(new long[] {2})).containsExactly((BaselineNodeState) null);
    }

    @Test
    void shouldRefuseAnEmptyCapacity() {
        assertThatThrownBy(() -> new CachedNodeStateStore<>(new InMemoryNodeStateStore<BaselineNodeState>(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    }
}
