package io.linkcast.model.topology;

import io.linkcast.ingest.RejectReason;

/**
 * What the stream reports as it runs; serving turns it into metrics. Called on the stream thread, so
 * implementations must be cheap and thread-safe towards readers.
 */
public interface StreamListener {

    void accepted();

    void rejected(RejectReason reason);

    /** A micro-batch was processed: its size, its number of waves and the engine time it took. */
    void batch(int events, int waves, long nanos);

    /** A prediction was emitted, {@code latencyMs} after the event was produced. */
    void predicted(double latencyMs);

    /** A listener that ignores everything. */
    StreamListener NONE = new StreamListener() {
        @Override
        public void accepted() {
        }

        @Override
        public void rejected(RejectReason reason) {
        }

        @Override
        public void batch(int events, int waves, long nanos) {
        }

        @Override
        public void predicted(double latencyMs) {
        }
    };
}
