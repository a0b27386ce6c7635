package io.linkcast.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decoded states of the most recently used nodes in front of another {@link NodeStateStore}, write-through.
 *
 * <p>A served node record of NAT and SEMBA is several kilobytes: reading it from the byte store (cache, RocksDB,
 * LZ4) and decoding it cost a sixth of the stream thread, and the hubs of a stream are read again batch after
 * batch. States are immutable values and every write goes through {@link #putAll}, so a cached state is the one
 * the inner store would decode. The inner store stays the durable, changelogged one; this cache is rebuilt
 * from it after any restart.
 *
 * <p>Not thread-safe, like the stores it wraps: the stream thread owns it.
 *
 * @param <S> the state type
 */
public final class CachedNodeStateStore<S> implements NodeStateStore<S> {
    private final NodeStateStore<S> inner;
    private final int capacity;
    private final LinkedHashMap<Long, S> recent;
    private long hits;
    private long misses;

    /** @param capacity nodes kept decoded (at least 1) */
    public CachedNodeStateStore(NodeStateStore<S> inner, int capacity) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.recent = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, S> eldest) {
                return size() > CachedNodeStateStore.this.capacity;
            }
        };
    }

    @Override
    public List<S> getAll(long[] ids) {
        List<S> out = new ArrayList<>(ids.length);
        int missing = 0;
        for (long id : ids) {
            S s = recent.get(id);
            out.add(s);
            if (s == null) {
                missing++;
            }
        }
        hits += ids.length - missing;
        misses += missing;
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
        for (int j = 0; j < missing; j++) {
            S s = found.get(j);
            out.set(at[j], s);
            if (s != null) {
                recent.put(absent[j], s);
            }
        }
        return out;
    }

    @Override
    public void putAll(long[] ids, List<S> states) {
        inner.putAll(ids, states);
        for (int i = 0; i < ids.length; i++) {
            S s = states.get(i);
            if (s == null) {
                recent.remove(ids[i]);
            } else {
                recent.put(ids[i], s);
            }
        }
    }

    @Override
    public long approximateSize() {
        return inner.approximateSize();
    }

    /** Reads answered from the cache so far. */
    public long hits() {
        return hits;
    }

    /** Reads that went to the inner store so far. */
    public long misses() {
        return misses;
    }
}
