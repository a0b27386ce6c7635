package io.linkcast.state;

/**
 * Where a {@link DecodedNodeStore} counts the reads of its decoded-state cache, so that its hit rate can be
 * published. Called on the reading thread once per read call (a stream batch, one query), after the cache's lock is
 * released: implementations must be cheap and thread-safe.
 */
@FunctionalInterface
public interface NodeCacheReads {

    /** Who read: the processor's batches, or an interactive query from another thread. */
    enum Reader {
        STREAM, QUERY;

        /** The lower-case name, e.g. for a metric tag. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code hits} of the nodes read were answered by the cache, {@code misses} went to the store below. */
    void counted(Reader reader, int hits, int misses);

    /** Counts nothing (a store whose hit rate nobody publishes). */
    NodeCacheReads NONE = (reader, hits, misses) -> {
    };
}
