package io.linkcast.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds and reads dead-letter records (architecture contract 1).
 *
 * <p>A dead-letter record keeps the refused record's key and value bytes unchanged, so it can be inspected
 * or replayed as it was, and carries the explanation in UTF-8 text headers:
 * {@value #REASON} ({@link RejectReason#label()}), {@value #DETAIL}, and the source position
 * {@value #TOPIC}, {@value #PARTITION}, {@value #OFFSET}.
 */
public final class DeadLetters {
    public static final String REASON = "linkcast.dlq.reason";
    public static final String DETAIL = "linkcast.dlq.detail";
    public static final String TOPIC = "linkcast.dlq.topic";
    public static final String PARTITION = "linkcast.dlq.partition";
    public static final String OFFSET = "linkcast.dlq.offset";
    /** Details are cut to this length: a parser message can quote a large part of the record. */
    public static final int MAX_DETAIL_CHARS = 1024;

    private DeadLetters() {
    }

    /**
     * The dead-letter headers for a record read from {@code topic}-{@code partition} at {@code offset}
     * (-1 for an unknown partition or offset).
     */
    public static Headers headers(RejectReason reason, String detail, String topic, int partition, long offset) {
        DeadLetter valid = new DeadLetter(reason, detail, topic, partition, offset, null);
        RecordHeaders h = new RecordHeaders();
        h.add(REASON, utf8(valid.reason().label()));
        h.add(DETAIL, utf8(valid.detail()));
        h.add(TOPIC, utf8(valid.topic()));
        h.add(PARTITION, utf8(Integer.toString(valid.partition())));
        h.add(OFFSET, utf8(Long.toString(valid.offset())));
        return h;
    }

    /** The record to send to {@code dlqTopic}: the original key and value, with the dead-letter headers. */
    public static ProducerRecord<byte[], byte[]> record(String dlqTopic, byte[] originalKey, DeadLetter letter) {
        Objects.requireNonNull(dlqTopic, "dlqTopic");
        return new ProducerRecord<>(dlqTopic, null, originalKey, letter.original(), letter.headers());
    }

    static DeadLetter read(Headers headers, byte[] value) {
        Objects.requireNonNull(headers, "headers");
        RejectReason reason = RejectReason.fromLabel(text(headers, REASON));
        String detail = text(headers, DETAIL);
        String topic = text(headers, TOPIC);
        int partition = (int) number(headers, PARTITION, Integer.MIN_VALUE, Integer.MAX_VALUE);
        long offset = number(headers, OFFSET, Long.MIN_VALUE, Long.MAX_VALUE);
        return new DeadLetter(reason, detail, topic, partition, offset, value);
    }

    static String truncate(String detail) {
        if (detail.length() <= MAX_DETAIL_CHARS) {
            return detail;
        }
        int end = MAX_DETAIL_CHARS - 3;
        if (Character.isHighSurrogate(detail.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return detail.substring(0, end) + "...";
    }

    private static String text(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        if (h == null || h.value() == null) {
            throw new IllegalArgumentException("dead-letter header '" + key + "' is missing");
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    private static long number(Headers headers, String key, long min, long max) {
        String s = text(headers, key);
        try {
            long v = Long.parseLong(s);
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dead-letter header '" + key + "' must be an integer in "
                    + min + ".." + max + ", got '" + s + "'", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
