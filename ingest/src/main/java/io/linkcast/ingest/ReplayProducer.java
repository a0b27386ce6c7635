package io.linkcast.ingest;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends interactions to a topic in the contract's JSON form ({@link InteractionJson}), keyed by the source's
 * external id (so one source's events keep their order within a partition), at a {@link Pacer}'s rate, with a
 * progress bar. The producer belongs to the caller, who closes it.
 */
public final class ReplayProducer {
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Pacer pacer;
    private final PrintStream progress;

    /**
     * @param producer where to send; see {@link #producerConfig(String)}
     * @param topic the interactions topic
     * @param pacer the rate
     * @param progress where the progress bar goes (stderr on the command line), or null for none
     */
    public ReplayProducer(Producer<byte[], byte[]> producer, String topic, Pacer pacer, PrintStream progress) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.progress = progress;
    }

    /**
     * Durable, ordered, batched: acks from all in-sync replicas, idempotence (no duplicates or reordering
     * on retry), a 5 ms linger to fill batches, lz4 compression.
     */
    public static Map<String, Object> producerConfig(String bootstrapServers) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // JSON events are ~100 bytes: 64 KiB batches (default 16 KiB) cut per-request overhead at full rate
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "linkcast-replay");
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return c;
    }

    /** A producer with {@link #producerConfig(String)}. */
    public static Producer<byte[], byte[]> newProducer(String bootstrapServers) {
        return newProducer(producerConfig(bootstrapServers));
    }

    /** A producer with {@code config} ({@link #producerConfig(String)} with settings of the caller's). */
    public static Producer<byte[], byte[]> newProducer(Map<String, Object> config) {
        return new KafkaProducer<>(config);
    }

    /**
     * Sends up to {@code count} events from {@code events} and waits until every one is acknowledged.
     *
     * @throws KafkaException if a send failed (the first failure is the cause)
     * @throws InterruptedException if interrupted while pacing
     */
    public ReplaySummary replay(Iterator<Interaction> events, long count) throws InterruptedException {
        Objects.requireNonNull(events, "events");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        long sent = 0;
        long start = System.nanoTime();
        try (ProgressBar bar = progressBar(count)) {
            while (sent < count && events.hasNext()) {
                Interaction e = events.next();
                pacer.await(sent);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                        e.srcKey().getBytes(StandardCharsets.UTF_8), InteractionJson.encode(e));
                producer.send(record, (metadata, exception) -> {
                    if (exception == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, exception);
                    }
                });
                sent++;
                if (bar != null) {
                    bar.step();
                }
                throwIfFailed(failure, acknowledged);
            }
            producer.flush();
            throwIfFailed(failure, acknowledged);
        }
        return ReplaySummary.of(sent, System.nanoTime() - start);
    }

    private ProgressBar progressBar(long count) {
        if (progress == null) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("replay")
                .setInitialMax(count)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" events", 1)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(progress))
                .build();
    }

    private static void throwIfFailed(AtomicReference<Exception> failure, AtomicLong acknowledged) {
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaException("replay failed after " + acknowledged.get() + " acknowledged events: " + e, e);
        }
    }
}
