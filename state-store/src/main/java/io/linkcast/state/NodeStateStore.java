package io.linkcast.state;

import java.util.List;

/**
 * The per-node state of one model, keyed by internal node id.
 *
 * <p>Batch access only: the micro-batch engine reads every node of a batch at once and writes them back at
 * once, which is what makes a RocksDB-backed store fast enough. Not thread-safe unless an implementation
 * says so; the stream thread owns its store.
 *
 * @param <S> the state type
 */
public interface NodeStateStore<S> {

    /** States of {@code ids}, aligned with it; an element is null where the store holds no state. */
    List<S> getAll(long[] ids);

    /**
     * Stores {@code states.get(i)} under {@code ids[i]}, in order: a repeated id keeps its last state, and a null
     * state deletes the node.
     *
     * @throws IllegalArgumentException if the two lengths differ
     */
    void putAll(long[] ids, List<S> states);

    /** Approximate number of nodes held. */
    long approximateSize();
}
