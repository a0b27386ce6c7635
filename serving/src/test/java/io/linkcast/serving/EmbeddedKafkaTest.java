package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
    @TempDir
    Path dir;

    /** A service restarted on the same state dir is at the same Kafka address, with the records written before. */
    @Test
    void shouldKeepItsAddressAndRecordsAcrossARestartOnTheSameDirectory() {
        String first;
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir)) {
            first = broker.bootstrapServers();
            try (Admin admin = Admin.create(
                    Map.of("bootstrap.servers", first))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all()
                        .get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            KafkaTestSupport.produce(first, "kept", List.of("a", "b", "c"));
        }
        try (EmbeddedKafka again = EmbeddedKafka.start(dir)) {
            assertThat(again.bootstrapServers()).isEqualTo(first);
            assertThat(KafkaTestSupport.consume(first, "kept", 3, Duration.ofSeconds(30))).hasSize(3);
        }
    }
}
