package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * linkcast against a broker that requires SASL/PLAIN on its client listener: the Kafka client settings of the
 * config reach every client (Kafka Streams, the admin clients), so the right credentials serve every event, and
 * wrong ones fail at start with a message that says so.
 */
class SecuredKafkaTest {
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"%s\" password=\"%s\"%s;";
    private static EmbeddedKafka broker;

    @TempDir
    static Path brokerDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafka.start(brokerDir, Map.of(
                "listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms", "PLAIN",
                "sasl.mechanism.inter.broker.protocol", "PLAIN",
                "listener.name.plaintext.plain.sasl.jaas.config", String.format(JAAS, "broker", "broker-secret",
                        " user_broker=\"broker-secret\" user_linkcast=\"linkcast-secret\"")));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldServeEveryEventThroughASaslBrokerWithTheRightCredentials() {
        ServiceConfig config = config("linkcast-secret");
        Map<String, Object> client = config.kafkaClient(Map.of());
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add("{\"src\":" + (i % 13) + ",\"dst\":" + (i % 7) + ",\"t\":" + i + "}");
        }
        try (LinkcastService<?> service = new LinkcastService<>(config, new BaselineModel(BaselineConfig.defaults()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            service.start(Duration.ofSeconds(60));
            KafkaTestSupport.produce(client, config.topology().interactionsTopic(), events);
            assertThat(KafkaTestSupport.consume(client, config.topology().predictionsTopic(), events.size(),
                    Duration.ofSeconds(60))).hasSize(events.size());
        }
    }

    @Test
    void shouldFailAtStartWithAClearMessageOnAWrongPassword() {
        ServiceConfig config = config("not-the-password");
        try (LinkcastService<?> service = new LinkcastService<>(config, new BaselineModel(BaselineConfig.defaults()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            assertThatThrownBy(() -> service.start(Duration.ofSeconds(60)))
                    .hasMessageContaining("refused linkcast's credentials")
                    .hasMessageContaining(broker.bootstrapServers());
        }
    }

    private ServiceConfig config(String password) {
        Map<String, String> values = new HashMap<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "application.id", "secured-" + password,
                "state.dir", dir.toString(),
                "topic.interactions", "secured.interactions",
                "topic.predictions", "secured.predictions",
                "topic.dlq", "secured.dlq",
                "http.port", "0",
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", String.format(JAAS, "linkcast", password, "")));
        return ConfigLoader.from(values);
    }
}
