package io.linkcast.ingest;

import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;

/**
 * A refused record as it sits on the dead-letter topic: why it was refused, where it came from, and its
 * original value bytes, unchanged.
 *
 * @param reason why the record was refused
 * @param detail the precise explanation (at most {@link DeadLetters#MAX_DETAIL_CHARS} characters)
 * @param topic the topic the record was read from
 * @param partition its partition, or -1 when unknown
 * @param offset its offset, or -1 when unknown
 * @param original the original value bytes, or null when the record had no value (a tombstone)
 */
public record DeadLetter(RejectReason reason, String detail, String topic, int partition, long offset, byte[] original) {

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
        if (partition < -1) {
            throw new IllegalArgumentException("partition must be >= -1 (-1 = unknown), got " + partition);
        }
        if (offset < -1) {
            throw new IllegalArgumentException("offset must be >= -1 (-1 = unknown), got " + offset);
        }
        detail = DeadLetters.truncate(detail);
    }

    /** Reads a dead letter back from a record of the dead-letter topic. */
    public static DeadLetter from(Headers headers, byte[] value) {
        return DeadLetters.read(headers, value);
    }

    /** The headers that describe this dead letter on the dead-letter topic. */
    public Headers headers() {
        return DeadLetters.headers(reason, detail, topic, partition, offset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d
                && reason == d.reason
                && detail.equals(d.detail)
                && topic.equals(d.topic)
                && partition == d.partition
                && offset == d.offset
                && Arrays.equals(original, d.original);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, detail, topic, partition, offset) * 31 + Arrays.hashCode(original);
    }

    @Override
    public String toString() {
        return "DeadLetter[reason=" + reason.label() + ", detail=" + detail + ", source=" + topic + "-" + partition
                + "@" + offset + ", original=" + (original == null ? "null" : original.length + " bytes") + "]";
    }
}
