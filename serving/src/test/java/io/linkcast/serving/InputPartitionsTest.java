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

/**
 * Sequential, the service starts on a one-partition input and refuses a wider one, which would split node state;
 * partitioned by node id, it takes any input width but refuses chain topics of another width than its own.
 */
class InputPartitionsTest extends EmbeddedBrokerTest {

    @Test
    void shouldRefuseToStartOnAnInputTopicOfTwoPartitionsNamingTheTopic() throws Exception {
        ServiceConfig config = KafkaTestSupport.config(broker.bootstrapServers(), dir.resolve("wide"), "wide", 16);
        createTopic(config.topology().interactionsTopic(), 2);
        try (LinkcastService<?> service = baselineService(config)) {
            assertThatThrownBy(() -> service.start(Duration.ofSeconds(60)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("input topic 'wide.interactions' has 2 partitions")
                    .hasMessageContaining("topic.partitions");
            assertThat(service.state()).isEqualTo(KafkaStreams.State.CREATED);
        }
    }

    @Test
    void shouldStartOnAnExistingInputTopicOfOnePartition() throws Exception {
        ServiceConfig config = KafkaTestSupport.config(broker.bootstrapServers(), dir.resolve("narrow"), "narrow", 16);
        createTopic(config.topology().interactionsTopic(), 1);
        assertStarts(config);
    }

    @Test
    void shouldStartPartitionedOnAnInputOfAnyWidth() throws Exception {
        ServiceConfig base = KafkaTestSupport.config(broker.bootstrapServers(), dir.resolve("chain"), "chain", 16);
        ServiceConfig config = withPartitions(base, 4);
        createTopic(config.topology().interactionsTopic(), 3);
        assertStarts(config);
    }

    @Test
    void shouldRefuseChainTopicsOfAnotherWidthThanTheNodeStateWasPartitionedInto() throws Exception {
        ServiceConfig config = withPartitions(KafkaTestSupport.config(broker.bootstrapServers(), dir.resolve("regrown"),
                "regrown", 16), 4);
        createTopic(config.topology().asksTopic(), 2);
        try (LinkcastService<?> service = baselineService(config)) {
            assertThatThrownBy(() -> service.start(Duration.ofSeconds(60)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("topic 'regrown.predictions.asks' has 2 partitions but topic.partitions is 4");
        }
    }

    private static void assertStarts(ServiceConfig config) {
        try (LinkcastService<?> service = baselineService(config)) {
            service.start(Duration.ofSeconds(60));
            assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private static LinkcastService<?> baselineService(ServiceConfig config) {
        return new LinkcastService<>(config, new BaselineModel(BaselineConfig.defaults()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    private static ServiceConfig withPartitions(ServiceConfig c, int partitions) {
        return new ServiceConfig(c.bootstrapServers(), c.applicationId(), c.stateDir(),
                c.topology().withPartitions(partitions), c.streamThreads(), c.standbyReplicas(), c.httpHost(), c.httpPort(), c.exactlyOnce(),
                c.commitIntervalMs(), c.modelBackend(), c.httpAccess(), c.queryLimits(), c.qualityWindow(), c.advertised(), c.kafkaSettings());
    }

    private static void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }
}
