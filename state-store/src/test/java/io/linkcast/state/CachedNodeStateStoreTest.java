package io.linkcast.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.NodeCacheReads.Reader;
import io.linkcast.state.baseline.BaselineNodeState;
import io.linkcast.state.baseline.BaselineStateCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachedNodeStateStoreTest extends NodeStateStoreContract {
    /** Keys the cache's states: the in-memory stores below hold states, not records of it. */
    private static final BaselineStateCodec CODEC = new BaselineStateCodec();

    @Override
    protected NodeStateStore<BaselineNodeState> store() {
        // small, so the contract's batches also run through evictions
        return new CachedNodeStateStore<>(new InMemoryNodeStateStore<>(), new DecodedStateCache(3, NodeCacheReads.NONE),
                CODEC);
    }

    /** Records the ids each getAll asks the store below for. */
    private static class Reads implements NodeStateStore<BaselineNodeState> {
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
        CountedReads counted = new CountedReads();
        CachedNodeStateStore<BaselineNodeState> cached =
                new CachedNodeStateStore<>(inner, new DecodedStateCache(2, counted), CODEC);

        assertThat(cached.getAll(new long[] {1, 2})).containsExactly(state(1), state(2));
        assertThat(cached.getAll(new long[] {2, 1, 9})).containsExactly(state(2), state(1), null);
        // only the node it does not hold went down
        assertThat(inner.asked).extracting(Arrays::toString).containsExactly("[1, 2]", "[9]");
        assertThat(counted.hits(Reader.STREAM)).isEqualTo(2);
        assertThat(counted.misses(Reader.STREAM)).isEqualTo(3);
        assertThat(counted.hits(Reader.QUERY) + counted.misses(Reader.QUERY)).isZero();

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
        assertThatThrownBy(() -> new CachedNodeStateStore<>(new InMemoryNodeStateStore<BaselineNodeState>(),
                new DecodedStateCache(0, NodeCacheReads.NONE), CODEC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new DecodedStateCache(-1, NodeCacheReads.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    }

    @Test
    void shouldLetNoQueryFindTheStatesABatchReplacesWhileItIsWritten() {
        DecodedStateCache cache = new DecodedStateCache(8, NodeCacheReads.NONE);
        List<List<BaselineNodeState>> seenDuringWrite = new ArrayList<>();
        Reads below = new Reads() {
            @Override
            public void putAll(long[] ids, List<BaselineNodeState> states) {
                // what a query thread finds in the cache while the batch is on its way to the store below
                seenDuringWrite.add(cache.peek(Reader.QUERY, ids, CODEC));
                super.putAll(ids, states);
            }
        };
        CachedNodeStateStore<BaselineNodeState> cached = new CachedNodeStateStore<>(below, cache, CODEC);
        cached.putAll(new long[] {1, 2}, List.of(state(1), state(2)));
        cached.putAll(new long[] {1, 2}, List.of(state(11), state(12)));
        assertThat(seenDuringWrite.get(1)).containsExactly(null, null);
        // and once written, the new states are held
        assertThat(cache.peek(Reader.QUERY, new long[] {1, 2}, CODEC)).containsExactly(state(11), state(12));
    }

    @Test
    void shouldEmptyForAnotherCodecAndLetQueriesOfAnotherCodecFindNothing() {
        CountedReads counted = new CountedReads();
        DecodedStateCache cache = new DecodedStateCache(8, counted);
        InMemoryNodeStateStore<BaselineNodeState> data = new InMemoryNodeStateStore<>();
        CachedNodeStateStore<BaselineNodeState> first = new CachedNodeStateStore<>(data, cache, CODEC);
        first.putAll(new long[] {1, 2}, List.of(state(1), state(2)));
        BaselineStateCodec other = new BaselineStateCodec();

        // a query in another codec may not take the states of this one, even equal ones
        assertThat(cache.peek(Reader.QUERY, new long[] {1, 2}, other)).containsExactly(null, null);
        assertThat(counted.misses(Reader.QUERY)).isEqualTo(2);
        assertThat(cache.peek(Reader.QUERY, new long[] {1}, CODEC)).containsExactly(state(1));
        assertThat(counted.hits(Reader.QUERY)).isEqualTo(1);

        // the stream in another codec starts from an empty cache; the counts go on
        CachedNodeStateStore<BaselineNodeState> second = new CachedNodeStateStore<>(data, cache, other);
        assertThat(second.getAll(new long[] {1, 2})).containsExactly(state(1), state(2));
        assertThat(counted.misses(Reader.STREAM)).isEqualTo(2);
        assertThat(cache.peek(Reader.QUERY, new long[] {1}, CODEC)).containsExactly((BaselineNodeState) null);
        assertThat(second.getAll(new long[] {1, 2})).containsExactly(state(1), state(2));
        assertThat(counted.hits(Reader.STREAM)).isEqualTo(2);
    }

    /**
     * Queries peek while the stream thread reads, writes and evicts: every peek moves a node in the LRU's order, so
     * without the cache's lock the map's links break (lost or looping entries, more held than its capacity).
     */
    @Test
    void shouldStayWholeWhenQueriesPeekWhileTheStreamWritesAndEvicts() throws Exception {
        DecodedStateCache cache = new DecodedStateCache(64, NodeCacheReads.NONE);
        CachedNodeStateStore<BaselineNodeState> stream =
                new CachedNodeStateStore<>(new InMemoryNodeStateStore<>(), cache, CODEC);
        List<BaselineNodeState> states = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            states.add(state(i));
        }
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.Queue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<Thread> queries = new ArrayList<>();
        for (int q = 0; q < 3; q++) {
            int seed = q;
            Thread t = new Thread(() -> {
                java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
                try {
                    while (running.get()) {
                        int id = rnd.nextInt(256);
                        BaselineNodeState s = cache.peek(Reader.QUERY, new long[] {id}, CODEC).get(0);
                        if (s != null && !s.equals(states.get(id))) {
                            failures.add("node " + id + " held another's state");
                        }
                    }
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
            });
            queries.add(t);
            t.start();
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        try {
            for (int batch = 0; batch < 20_000 && failures.isEmpty(); batch++) {
                long[] ids = rnd.longs(0, 256).distinct().limit(8).toArray();
                List<BaselineNodeState> batchStates = java.util.Arrays.stream(ids).mapToObj(id -> states.get((int) id))
                        .toList();
                stream.putAll(ids, batchStates);
                stream.getAll(rnd.longs(8, 0, 256).toArray());
            }
        } finally {
            running.set(false);
            for (Thread t : queries) {
                t.join(30_000);
                if (t.isAlive()) {
                    failures.add(t.getName() + " still peeking: the map's links loop");
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(cache.size()).isBetween(1, 64);
    }
}
