package io.linkcast.ingest;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same replay round trip against a Kafka broker in Docker; skipped where no Docker engine is available. */
@Testcontainers(disabledWithoutDocker = true)
class ReplayKafkaContainerTest {
    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Test
    void shouldReplaySyntheticEventsThatParseBackEqualAndInOrder() throws Exception {
        ReplayRoundTrip.replayAndVerify(KAFKA.getBootstrapServers(), "interactions");
    }
}
