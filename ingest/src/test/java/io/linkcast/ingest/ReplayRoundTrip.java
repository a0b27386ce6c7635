package io.linkcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Replays a synthetic stream to a broker and reads it back; shared by the in-process and the container test. */
final class ReplayRoundTrip {
    private ReplayRoundTrip() {
    }

    static void createTopic(String bootstrap, String topic) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    /** Every record of the topic's single partition, in offset order (waits up to 60 s for {@code expected}). */
    static List<ConsumerRecord<byte[], byte[]>> consume(String bootstrap, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // anything beyond the expected count would be a duplicate: give it a moment to show up
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    /** The interactions in the records, each parsed with the production parser. */
    static List<Interaction> parse(List<ConsumerRecord<byte[], byte[]>> records) {
        InteractionParser parser = new InteractionParser();
        List<Interaction> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            ParseResult result = parser.parse(r.value());
            assertThat(result).as("record at offset %d", r.offset()).isInstanceOf(ParseResult.Accepted.class);
            Interaction e = ((ParseResult.Accepted) result).interaction();
            assertThat(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(e.srcKey());
            out.add(e);
        }
        return out;
    }

    /** Replays 2,000 synthetic events to {@code topic} and checks they come back equal and in order. */
    static void replayAndVerify(String bootstrap, String topic) throws Exception {
        createTopic(bootstrap, topic);
        SyntheticConfig config = SyntheticConfig.defaults(500, 2_000, 2026);
        ReplaySummary summary;
        try (Producer<byte[], byte[]> producer = ReplayProducer.newProducer(bootstrap)) {
            ReplayProducer replay = new ReplayProducer(producer, topic, Pacer.system(ReplayRate.MAX), null);
            summary = replay.replay(new SyntheticStream(config).iterator(), 2_000);
        }
        assertThat(summary.events()).isEqualTo(2_000);

        List<Interaction> expected = new ArrayList<>();
        new SyntheticStream(config).forEach(expected::add);
        List<ConsumerRecord<byte[], byte[]>> records = consume(bootstrap, topic, 2_000);
        assertThat(records).hasSize(2_000);
        assertThat(parse(records)).containsExactlyElementsOf(expected);
    }
}
