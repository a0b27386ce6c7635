package io.linkcast.model.engine;

import io.linkcast.ingest.Interaction;
import java.util.Objects;

/**
 * An accepted interaction with its stable stream position.
 *
 * @param seq the event's position in the stream; unique, increasing in stream order, and the same on a
 *     replay or a restart, so models can seed per-event randomness with it (architecture contract 4)
 * @param event the interaction
 */
public record SequencedEvent(long seq, Interaction event) {
    public SequencedEvent {
        Objects.requireNonNull(event, "event");
    }

    /** The position of record {@code offset} of {@code partition}: partitions never share a seq. */
    public static long seqOf(int partition, long offset) {
        if (partition < 0 || partition >= (1 << 15) || offset < 0 || offset >= (1L << 48)) {
            throw new IllegalArgumentException("position out of range: " + partition + "/" + offset);
        }
        return ((long) partition << 48) | offset;
    }
}
