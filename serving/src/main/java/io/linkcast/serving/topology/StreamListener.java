package io.linkcast.serving.topology;

import io.linkcast.ingest.RejectReason;
import io.linkcast.state.NodeCacheReads;

/**
 * What the stream reports as it runs; serving turns it into metrics. Called on the stream thread (the node store's
 * cache reads also on query threads), so implementations must be cheap and thread-safe. Every report is ignored
 * unless overridden.
 */
public interface StreamListener {

    default void accepted() {
    }

    default void rejected(RejectReason reason) {
    }

    /** A micro-batch was processed: its size, its number of waves and the engine time it took. */
    default void batch(int events, int waves, long nanos) {
    }

    /**
     * Reads of the node store's decoded-state cache ({@code state.cache.nodes} &gt; 0): {@code hits} nodes answered from
     * the cache and {@code misses} read from RocksDB, by the stream's batches or by a query. Called by the reading
     * thread, an HTTP one for a query, once per batch or query read.
     */
    default void stateCacheReads(NodeCacheReads.Reader reader, int hits, int misses) {
    }

    /** A prediction was emitted, {@code latencyMs} after the event was produced. */
    default void predicted(double latencyMs) {
    }

    /**
     * Prequential quality of one event, all from the state before it: the link score of the true pair, the
     * link score of a deterministic negative (u, w) scored read-only, the event's sign (0 if none) and the
     * predicted P(sign = +). Called only when live quality is on; NaN where the model does not predict.
     */
    default void quality(float linkPositive, float linkNegative, int sign, float pPositive) {
    }

    /**
     * The same as {@link #quality} for the baseline yardstick, over the same event and the same negative. Called
     * only when live quality is on and the topology was given a baseline.
     */
    default void baselineQuality(float linkPositive, float linkNegative, int sign, float pPositive) {
    }

    /** The largest event time processed so far (the default query time of on-demand questions). */
    default void eventTime(double maxEventTime) {
    }

    /**
     * With node state partitioned, after each flush of a partition's chain: the predictions it published, its
     * events whose answers are still out, and its events waiting for the window ({@code chainWindow}).
     */
    default void partition(int partition, int predicted, long inFlight, int waiting) {
    }

    /** A listener that ignores everything. */
    StreamListener NONE = new StreamListener() {
    };
}
