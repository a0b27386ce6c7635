package io.linkcast.serving.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The three topics of the topology on a {@link TopologyTestDriver}, records 1 ms apart from {@code t0}. */
record DriverTopics(TestInputTopic<byte[], byte[]> in, TestOutputTopic<byte[], byte[]> out,
        TestOutputTopic<byte[], byte[]> dlq) {

    static DriverTopics of(TopologyTestDriver driver, TopologySettings settings, Instant t0) {
        return new DriverTopics(
                driver.createInputTopic(settings.interactionsTopic(), new ByteArraySerializer(),
                        new ByteArraySerializer(), t0, Duration.ofMillis(1)),
                driver.createOutputTopic(settings.predictionsTopic(), new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()),
                driver.createOutputTopic(settings.deadLetterTopic(), new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()));
    }

    /** Driver properties for an application that never reaches a broker, its stores under {@code stateDir}. */
    static Properties properties(String applicationId, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return p;
    }
}
