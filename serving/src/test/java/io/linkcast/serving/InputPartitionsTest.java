package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The service starts on a one-partition input and refuses a wider one, which would split node state. */
class InputPartitionsTest extends EmbeddedBrokerTest {

    @Test
    void shouldRefuseToStartOnAnInputTopicOfTwoPartitionsNamingTheTopic() throws Exception {
        ServiceConfig config = KafkaTestSupport.config(broker.bootstrapServers(), dir.resolve("wide"), "wide", 16);
        createTopic(config.topology().interactionsTopic(), 2);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (LinkcastService<?> service = new LinkcastService<>(config, new BaselineModel(BaselineConfig.defaults()),
                registry)) {
            assertThatThrownBy(() -> service.start(Duration.ofSeconds(60)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("input topic 'wide.interactions' has 2 partitions");
            assertThat(service.state()).isEqualTo(KafkaStreams.State.CREATED);
        }
    }

    @Test
    void shouldStartOnAnExistingInputTopicOfOnePartition() throws Exception {
        ServiceConfig config = KafkaTestSupport.config(broker.bootstrapServers(), dir.resolve("narrow"), "narrow", 16);
        createTopic(config.topology().interactionsTopic(), 1);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (LinkcastService<?> service = new LinkcastService<>(config, new BaselineModel(BaselineConfig.defaults()),
                registry)) {
            service.start(Duration.ofSeconds(60));
            assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private static void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }
}
