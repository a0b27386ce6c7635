package io.linkcast.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.baseline.BaselineNodeState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link NodeStateStore} shares, run against each implementation by a subclass (as Kafka's
 * {@code AbstractKeyValueStoreTest}). States are {@link BaselineNodeState}s, so the Kafka-backed store goes
 * through a real codec.
 */
abstract class NodeStateStoreContract {

    /** A fresh, empty store; the subclass closes whatever backs it after each test. */
    protected abstract NodeStateStore<BaselineNodeState> store();

    static BaselineNodeState state(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BaselineNodeState s = BaselineNodeState.empty(8);
        int steps = 1 + rnd.nextInt(20);
        for (int i = 0; i < steps; i++) {
            long other = rnd.nextLong(12);
            double t = rnd.nextInt(1_000_000) / 4.0;
            int sign = rnd.nextInt(3) - 1;
            s = rnd.nextBoolean() ? s.withOutgoing(other, t, sign) : s.withIncoming(other, t, sign);
        }
        return s;
    }

    private static List<BaselineNodeState> nulls(int n) {
        return Collections.nCopies(n, null);
    }

    @Test
    void shouldReturnNullsAlignedWithMissingIds() {
        NodeStateStore<BaselineNodeState> store = store();
        assertThat(store.getAll(new long[] {5, 6, 7})).isEqualTo(nulls(3));
        assertThat(store.getAll(new long[0])).isEmpty();
        BaselineNodeState s6 = state(6);
        store.putAll(new long[] {6}, List.of(s6));
        assertThat(store.getAll(new long[] {5, 6, 7})).containsExactly(null, s6, null);
        assertThat(store.getAll(new long[] {7, 5, 6})).containsExactly(null, null, s6);
    }

    @Test
    void shouldGetWhatWasPut() {
        NodeStateStore<BaselineNodeState> store = store();
        long[] ids = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 33};
        List<BaselineNodeState> states = new ArrayList<>();
        for (long id : ids) {
            states.add(state(id));
        }
        store.putAll(ids, states);
        assertThat(store.getAll(ids)).isEqualTo(states);
        assertThat(store.getAll(new long[] {1L << 33})).containsExactly(state(1L << 33));
        // the state types are values: distinct seeds give distinct states, so a mixed-up key would show
        assertThat(state(0)).isNotEqualTo(state(1));
    }

    @Test
    void shouldOverwrite() {
        NodeStateStore<BaselineNodeState> store = store();
        BaselineNodeState first = state(1);
        BaselineNodeState second = first.withOutgoing(99, 1e6, -1);
        store.putAll(new long[] {10, 11}, List.of(first, first));
        store.putAll(new long[] {10}, List.of(second));
        assertThat(store.getAll(new long[] {10, 11})).containsExactly(second, first);
    }

    @Test
    void shouldKeepLastStateOfRepeatedIdInBatch() {
        NodeStateStore<BaselineNodeState> store = store();
        BaselineNodeState a = state(1);
        BaselineNodeState b = state(2);
        BaselineNodeState c = state(3);
        store.putAll(new long[] {1, 2, 1}, List.of(a, b, c));
        assertThat(store.getAll(new long[] {1, 1, 2, 1})).containsExactly(c, c, b, c);
    }

    @Test
    void shouldDeleteOnNullState() {
        NodeStateStore<BaselineNodeState> store = store();
        store.putAll(new long[] {1, 2}, List.of(state(1), state(2)));
        store.putAll(new long[] {1}, nulls(1));
        assertThat(store.getAll(new long[] {1, 2})).containsExactly(null, state(2));
        // delete then re-create inside one batch: the last one wins
        store.putAll(new long[] {2, 2, 3, 3}, Arrays.asList(null, state(22), state(3), null));
        assertThat(store.getAll(new long[] {2, 3})).containsExactly(state(22), null);
    }

    @Test
    void shouldRejectMisalignedBatchWithoutWriting() {
        NodeStateStore<BaselineNodeState> store = store();
        assertThatThrownBy(() -> store.putAll(new long[] {1, 2}, List.of(state(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2/1");
        assertThat(store.getAll(new long[] {1})).isEqualTo(nulls(1));
    }

    @Test
    void shouldHandleLargeBatch() {
        NodeStateStore<BaselineNodeState> store = store();
        int n = 5_000;
        long[] ids = new SplittableRandom(7).longs(0, 1L << 40).distinct().limit(n).toArray();
        List<BaselineNodeState> states = new ArrayList<>(n);
        for (long id : ids) {
            states.add(state(id));
        }
        store.putAll(ids, states);

        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(11));
        long[] shuffled = order.stream().mapToLong(i -> ids[i]).toArray();
        List<BaselineNodeState> got = store.getAll(shuffled);
        assertThat(got).hasSize(n);
        for (int k = 0; k < n; k++) {
            assertThat(got.get(k)).as("id %d", shuffled[k]).isEqualTo(states.get(order.get(k)));
        }
    }

    @Test
    void shouldReportApproximateSize() {
        NodeStateStore<BaselineNodeState> store = store();
        assertThat(store.approximateSize()).isZero();
        long[] ids = LongStream.range(0, 1_000).toArray();
        List<BaselineNodeState> states = new ArrayList<>();
        for (long id : ids) {
            states.add(state(id));
        }
        store.putAll(ids, states);
        assertThat(store.approximateSize()).isEqualTo(1_000);
        // overwrites may be counted again by an estimate, never fewer than the distinct nodes
        store.putAll(Arrays.copyOf(ids, 100), states.subList(100, 200));
        assertThat(store.approximateSize()).isBetween(1_000L, 1_100L);
    }
}
