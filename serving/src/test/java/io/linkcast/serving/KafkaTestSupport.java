package io.linkcast.serving;

import io.linkcast.serving.topology.TopologySettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producing and consuming raw records against a real broker, for the integration tests. */
final class KafkaTestSupport {
    private KafkaTestSupport() {
    }

    static ServiceConfig config(String bootstrap, Path stateDir, String prefix, int batch) {
        return ConfigLoader.from(Map.of(
                "bootstrap.servers", bootstrap,
                "application.id", prefix + "-app",
                "state.dir", stateDir.toString(),
                "topic.interactions", prefix + ".interactions",
                "topic.dlq", prefix + ".interactions.dlq",
                "topic.predictions", prefix + ".predictions",
                "batch.max", Integer.toString(batch),
                "http.port", "0"));
    }

    static void produce(String bootstrap, String topic, List<String> values) {
        produce(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic, values);
    }

    /** {@link #produce(String, String, List)} with a client's settings (bootstrap servers, security). */
    static void produce(Map<String, Object> client, String topic, List<String> values) {
        Map<String, Object> settings = new java.util.HashMap<>(client);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent =
                    new ArrayList<>(values.size());
            for (String v : values) {
                sent.add(p.send(new ProducerRecord<>(topic, null, v.getBytes(StandardCharsets.UTF_8))));
            }
            p.flush();
            // a send that failed would otherwise go unnoticed, and a test would wait for predictions of events never
            // written
            for (var f : sent) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("producing to " + topic + " failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /** Reads committed records of partition 0 from the start until {@code expected} arrived or the timeout. */
    static List<ConsumerRecord<byte[], byte[]>> consume(String bootstrap, String topic, int expected, Duration timeout) {
        return consume(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic, expected, timeout);
    }

    /** {@link #consume(String, String, int, Duration)} with a client's settings (bootstrap servers, security). */
    static List<ConsumerRecord<byte[], byte[]>> consume(Map<String, Object> client, String topic, int expected,
            Duration timeout) {
        return read(client, topic, false, expected, timeout);
    }

    /** Reads committed records of every partition of {@code topic}, as {@link #consume} reads partition 0. */
    static List<ConsumerRecord<byte[], byte[]>> consumeAll(String bootstrap, String topic, int expected,
            Duration timeout) {
        return read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic, true, expected, timeout);
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(Map<String, Object> client, String topic,
            boolean allPartitions, int expected, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        Map<String, Object> settings = new java.util.HashMap<>(client);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = allPartitions ? c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList() : List.of(new TopicPartition(topic, 0));
            c.assign(tps);
            c.seekToBeginning(tps);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            // a little longer, so that duplicates beyond the expected count would be seen
            long grace = System.nanoTime() + Duration.ofMillis(allPartitions ? 1000 : 500).toNanos();
            while (System.nanoTime() < grace) {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    static TopologySettings topology(ServiceConfig c) {
        return c.topology();
    }
}
