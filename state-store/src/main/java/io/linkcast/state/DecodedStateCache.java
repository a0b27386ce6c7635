package io.linkcast.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The decoded states of a {@link DecodedNodeStore}'s most recently used nodes, least recently used first out, shared
 * by the stream thread and the threads of interactive queries.
 *
 * <p>The states held were all decoded by (or written through) one codec, {@link #codec}: a state of another codec
 * may be of another type or read the bytes otherwise, so a stream read or write in another codec empties the cache
 * first, and a query in another codec does not look at it. Every call takes the lock for map operations only, never
 * around a read or write of the store below: neither thread waits for the other's disk or changelog.
 *
 * <p>Why what is held is never older than the store below: only the stream thread writes through the layer, and it
 * {@link #invalidate}s a batch's nodes before writing them below and {@link #write}s them here after; a query reads
 * the nodes it misses from the store below and never {@link #fill}s. So a node held here is the last state the
 * stream thread wrote or read while nothing else wrote below. Writes below the layer (restoration, a standby's
 * updates) happen only while the processor is closed, and {@link #clear} runs at store init and at the processor's
 * init and close.
 */
final class DecodedStateCache {
    private final int capacity;
    private final NodeCacheReads reads;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Long, Object> recent;
    /** The codec of the states held; null before the first stream call. Guarded by {@link #lock}. */
    private StateCodec<?> codec;

    /** @param capacity nodes kept decoded; 0 keeps none and counts nothing */
    DecodedStateCache(int capacity, NodeCacheReads reads) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be at least 0, got " + capacity);
        }
        this.capacity = capacity;
        this.reads = Objects.requireNonNull(reads, "reads");
        this.recent = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Object> eldest) {
                return size() > DecodedStateCache.this.capacity;
            }
        };
    }

    boolean enabled() {
        return capacity > 0;
    }

    /** States held now (at most the capacity). */
    int size() {
        lock.lock();
        try {
            return recent.size();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets every state; the hit and miss counts are not reset (they are the store's since it was built). */
    void clear() {
        lock.lock();
        try {
            recent.clear();
            codec = null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The held states of {@code ids}, aligned with them, null where none is held. A {@link NodeCacheReads.Reader#STREAM}
     * read adopts {@code codec} (emptying the cache if it held another's); a query in another codec finds nothing.
     */
    <S> List<S> peek(NodeCacheReads.Reader reader, long[] ids, StateCodec<S> codec) {
        List<S> out = new ArrayList<>(ids.length);
        int hits = 0;
        lock.lock();
        try {
            boolean ours = adopt(reader == NodeCacheReads.Reader.STREAM, codec);
            for (long id : ids) {
                S s = ours ? cast(recent.get(id)) : null;
                out.add(s);
                if (s != null) {
                    hits++;
                }
            }
        } finally {
            lock.unlock();
        }
        if (ids.length > 0) {
            reads.counted(reader, hits, ids.length - hits);
        }
        return out;
    }

    /**
     * The held state of {@code id} for a query in {@code codec}, or null; counts nothing (the caller counts once it
     * knows whether the node is stored here at all).
     */
    <S> S find(long id, StateCodec<S> codec) {
        lock.lock();
        try {
            return codec == this.codec ? cast(recent.get(id)) : null;
        } finally {
            lock.unlock();
        }
    }

    /** Counts a query's read of a node this store holds: answered by the cache, or read below. */
    void countQuery(boolean hit) {
        reads.counted(NodeCacheReads.Reader.QUERY, hit ? 1 : 0, hit ? 0 : 1);
    }

    /** Holds the states the stream thread read below for the nodes it missed (nulls are nodes never stored). */
    <S> void fill(StateCodec<S> codec, long[] ids, List<S> states) {
        lock.lock();
        try {
            if (codec != this.codec) {
                return;
            }
            for (int i = 0; i < ids.length; i++) {
                S s = states.get(i);
                if (s != null) {
                    recent.put(ids[i], s);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code ids}: the stream thread is about to write them below. */
    void invalidate(long[] ids) {
        lock.lock();
        try {
            for (long id : ids) {
                recent.remove(id);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Holds the states the stream thread has just written below, in order (a null state is a deleted node). */
    <S> void write(StateCodec<S> codec, long[] ids, List<S> states) {
        lock.lock();
        try {
            adopt(true, codec);
            for (int i = 0; i < ids.length; i++) {
                S s = states.get(i);
                if (s == null) {
                    recent.remove(ids[i]);
                } else {
                    recent.put(ids[i], s);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the states held are {@code codec}'s, after the stream's switching to it if {@code stream}. */
    private boolean adopt(boolean stream, StateCodec<?> codec) {
        if (codec == this.codec) {
            return true;
        }
        if (!stream) {
            return false;
        }
        recent.clear();
        this.codec = codec;
        return true;
    }

    /** Every state held was given by a caller with the same codec object, hence of its type. */
    @SuppressWarnings("unchecked")
    private static <S> S cast(Object state) {
        return (S) state;
    }
}
