package io.linkcast.serving;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the predictions topic as a consumer would (read_committed) and measures end-to-end latency: from
 * the input record's timestamp, which the prediction keeps, to the moment the prediction is readable.
 */
final class LatencyProbe implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Recorder recorder = new Recorder(3_600_000_000L, 3);
    private final Histogram total = new Histogram(3_600_000_000L, 3);
    private final LongAdder received = new LongAdder();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile long lastReceivedNanos;
    private volatile long firstReceivedNanos;

    LatencyProbe(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        List<TopicPartition> tps = parts.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(tps);
        consumer.seekToEnd(tps);
        tps.forEach(consumer::position);
        thread = new Thread(this::run, "linkcast-latency-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running.get()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                long micros = Math.max(0, (System.currentTimeMillis() - r.timestamp()) * 1000L);
                recorder.recordValue(Math.min(micros, 3_600_000_000L));
                received.increment();
                long now = System.nanoTime();
                lastReceivedNanos = now;
                if (firstReceivedNanos == 0) {
                    firstReceivedNanos = now;
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    long received() {
        return received.sum();
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    /** When the first prediction arrived (0 = none yet). */
    long firstReceivedNanos() {
        return firstReceivedNanos;
    }

    /** Latencies since the last call; also added to the run's total. */
    synchronized Histogram interval() {
        Histogram h = recorder.getIntervalHistogram();
        total.add(h);
        return h;
    }

    synchronized Histogram total() {
        total.add(recorder.getIntervalHistogram());
        return total.copy();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
