package io.linkcast.ingest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** The same replay round trip against a Kafka broker in Docker; skipped where no Docker engine is available. */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class ReplayKafkaContainerTest {
    /** apache/kafka, or an image that runs like it ({@code linkcast.kafka.image}: docker/build-local-images makes one). */
    private static final DockerImageName IMAGE = DockerImageName
            .parse(System.getProperty("linkcast.kafka.image", "apache/kafka:4.1.1")).asCompatibleSubstituteFor("apache/kafka");

    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer(IMAGE);

    @Test
    void shouldReplaySyntheticEventsThatParseBackEqualAndInOrder() throws Exception {
        ReplayRoundTrip.replayAndVerify(KAFKA.getBootstrapServers(), "interactions");
    }
}
