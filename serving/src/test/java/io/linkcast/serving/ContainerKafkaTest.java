package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** The service against a containerised Kafka; runs where a Docker engine exists, skipped cleanly elsewhere. */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaTest {
    /** apache/kafka, or an image that runs like it ({@code linkcast.kafka.image}: docker/build-local-images makes one). */
    private static final DockerImageName IMAGE = DockerImageName
            .parse(System.getProperty("linkcast.kafka.image", "apache/kafka:4.1.1")).asCompatibleSubstituteFor("apache/kafka");

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(IMAGE);

    @TempDir
    Path dir;

    @Test
    void shouldPredictEveryEventThroughAnExternalBroker() {
        ServiceConfig config = KafkaTestSupport.config(KAFKA.getBootstrapServers(), dir, "container", 32);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add("{\"src\":" + (i % 17) + ",\"dst\":" + (i % 5) + ",\"t\":" + i + "}");
        }
        try (LinkcastService<?> service = new LinkcastService<>(config, new BaselineModel(BaselineConfig.defaults()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            service.start(Duration.ofSeconds(120));
            KafkaTestSupport.produce(KAFKA.getBootstrapServers(), config.topology().interactionsTopic(), events);
            assertThat(KafkaTestSupport.consume(KAFKA.getBootstrapServers(), config.topology().predictionsTopic(), 200,
                    Duration.ofSeconds(120))).hasSize(200);
        }
    }
}
