package io.linkcast.state;

import java.util.List;
import java.util.Objects;

/**
 * The stream thread's view of a {@link DecodedNodeStore}: the records below ({@code inner}, in {@code codec}) with the
 * layer's decoded-state cache in front, write-through.
 *
 * <p>A served node record of NAT and SEMBA is several kilobytes: reading it from the byte store (RocksDB, LZ4) and
 * decoding it took a large share of the stream thread (docs/results.md, "Figures behind the code"), and the hubs of a
 * stream are read again batch after batch. States are
 * immutable values and every write of the stream goes through {@link #putAll}, so a cached state is the one the inner
 * store would decode. The inner store stays the durable, changelogged one; the cache is rebuilt from it after any
 * restart.
 *
 * <p>One thread (the stream thread owning the task) calls it; the cache it shares with queries is thread-safe.
 *
 * @param <S> the state type
 */
final class CachedNodeStateStore<S> implements NodeStateStore<S> {
    private final NodeStateStore<S> inner;
    private final DecodedStateCache cache;
    private final StateCodec<S> codec;

    /** @param codec the codec of {@code inner}'s records, which keys the cache's states */
    CachedNodeStateStore(NodeStateStore<S> inner, DecodedStateCache cache, StateCodec<S> codec) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.codec = Objects.requireNonNull(codec, "codec");
        if (!cache.enabled()) {
            throw new IllegalArgumentException("a cache of capacity 0 holds nothing: read the inner store itself");
        }
    }

    @Override
    public List<S> getAll(long[] ids) {
        List<S> out = cache.peek(NodeCacheReads.Reader.STREAM, ids, codec);
        int missing = 0;
        for (S s : out) {
            if (s == null) {
                missing++;
            }
        }
        if (missing == 0) {
            return out;
        }
        long[] absent = new long[missing];
        int[] at = new int[missing];
        for (int i = 0, j = 0; i < ids.length; i++) {
            if (out.get(i) == null) {
                absent[j] = ids[i];
                at[j++] = i;
            }
        }
        List<S> found = inner.getAll(absent);
        cache.fill(codec, absent, found);
        for (int j = 0; j < missing; j++) {
            out.set(at[j], found.get(j));
        }
        return out;
    }

    /**
     * Forgets the batch's nodes, writes them below, then holds their new states: while the write is under way a query
     * misses them and reads the store below, never the states the write replaces.
     */
    @Override
    public void putAll(long[] ids, List<S> states) {
        if (ids.length != states.size()) {
            throw new IllegalArgumentException("ids and states differ in length: " + ids.length + "/" + states.size());
        }
        cache.invalidate(ids);
        inner.putAll(ids, states);
        cache.write(codec, ids, states);
    }

    @Override
    public long approximateSize() {
        return inner.approximateSize();
    }
}
