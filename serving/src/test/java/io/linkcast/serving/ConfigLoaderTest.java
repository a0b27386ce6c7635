package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.model.engine.InferenceBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void shouldUseDefaultsAndEmbeddedBrokerWhenNothingIsSet() {
        ServiceConfig c = ConfigLoader.from(Map.of("state.dir", dir.toString()));
        assertThat(c.embedded()).isTrue();
        assertThat(c.exactlyOnce()).isTrue();
        assertThat(c.topology().interactionsTopic()).isEqualTo("interactions");
        assertThat(c.topology().deadLetterTopic()).isEqualTo("interactions.dlq");
        assertThat(c.topology().maxBatch()).isEqualTo(256);
        assertThat(c.httpPort()).isEqualTo(8080);
    }

    @Test
    void shouldRejectAnUnknownKeyByName() {
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("batch.maxx", "10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'batch.maxx'");
    }

    @Test
    void shouldRejectBadValuesNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("batch.max", "ten")))
                .hasMessageContaining("'batch.max'").hasMessageContaining("'ten'");
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("http.port", "70000")))
                .hasMessageContaining("'http.port'").hasMessageContaining("0..65535");
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("processing.guarantee", "exactly_once")))
                .hasMessageContaining("'processing.guarantee'");
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("topic.predictions", "")))
                .hasMessageContaining("'topic.predictions'");
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("model.backend", "gpu")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'model.backend'").hasMessageContaining("gpu");
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("topic.partitions", "2000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'topic.partitions'");
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("http.advertised", "no-port")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'http.advertised'");
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("stream.threads", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'stream.threads'");
    }

    @Test
    void shouldPassKafkaClientSettingsThroughToKafkaStreams() {
        ServiceConfig c = ConfigLoader.from(Map.of("bootstrap.servers", "kafka-1:9093", "state.dir", dir.toString(),
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "ssl.truststore.location", "/etc/ts.jks",
                "kafka.producer.linger.ms", "20", "kafka.max.poll.records", "500"));
        var p = LinkcastService.streamsProperties(c);
        assertThat(p.get("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(p.get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.get("ssl.truststore.location")).isEqualTo("/etc/ts.jks");
        assertThat(p.get("producer.linger.ms")).isEqualTo("20");
        assertThat(p.get("max.poll.records")).isEqualTo("500");
        assertThat(p).as("linkcast's own consumer.max.poll.records would win over it").doesNotContainKey("consumer.max.poll.records");
        assertThat(c.kafkaClient(Map.of())).containsEntry("bootstrap.servers", "kafka-1:9093")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void shouldKeepAStaticMemberIdPerStateDirThatAKafkaSettingReplaces() {
        ServiceConfig a = ConfigLoader.from(Map.of("state.dir", dir.resolve("a").toString(), "bootstrap.servers", "k:9092"));
        ServiceConfig again = ConfigLoader.from(Map.of("state.dir", dir.resolve("a").toString(), "bootstrap.servers", "k:9092"));
        ServiceConfig b = ConfigLoader.from(Map.of("state.dir", dir.resolve("b").toString(), "bootstrap.servers", "k:9092"));
        String key = "main.consumer.group.instance.id";
        assertThat(LinkcastService.streamsProperties(a).get(key)).isNotNull()
                .isEqualTo(LinkcastService.streamsProperties(again).get(key))
                .isNotEqualTo(LinkcastService.streamsProperties(b).get(key));
        ServiceConfig own = ConfigLoader.from(Map.of("state.dir", dir.toString(), "bootstrap.servers", "k:9092",
                "kafka.group.instance.id", "mine"));
        assertThat(LinkcastService.streamsProperties(own)).doesNotContainKey(key).containsEntry("group.instance.id", "mine");
    }

    @Test
    void shouldRejectKafkaSettingsKafkaDoesNotKnowOrLinkcastOwns() {
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("bootstrap.servers", "k:9092", "kafka.producer.linger.mss", "5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'kafka.producer.linger.mss'");
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("bootstrap.servers", "k:9092", "sasl.mechanismm", "PLAIN")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'sasl.mechanismm'");
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("kafka.application.id", "other")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("use its key 'application.id'");
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("kafka.num.stream.threads", "4")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("use its key 'stream.threads'");
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("security.protocol", "SSL")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'security.protocol'")
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void shouldPartitionNodeStateWhenAskedTo() {
        ServiceConfig c = ConfigLoader.from(Map.of("topic.partitions", "8", "stream.threads", "2", "standby.replicas", "1",
                "chain.window", "16", "http.advertised", "node-2.internal:8080"));
        assertThat(c.topology().partitions()).isEqualTo(8);
        assertThat(c.topology().partitioned()).isTrue();
        assertThat(c.streamThreads()).isEqualTo(2);
        assertThat(c.standbyReplicas()).isEqualTo(1);
        assertThat(c.topology().chainWindow()).isEqualTo(16);
        assertThat(c.advertised()).isEqualTo("node-2.internal:8080");
        assertThat(ConfigLoader.from(Map.of("http.port", "9000")).advertised()).isEqualTo("127.0.0.1:9000");
        assertThat(ConfigLoader.from(Map.of("http.port", "0")).advertised()).isNull();
        assertThat(ConfigLoader.from(Map.of()).topology().partitioned()).isFalse();
    }

    @Test
    void shouldReadTheInferenceBackend() {
        assertThat(ConfigLoader.from(Map.of()).modelBackend()).isEqualTo(InferenceBackend.AUTO);
        assertThat(ConfigLoader.from(Map.of("model.backend", "djl")).modelBackend()).isEqualTo(InferenceBackend.DJL);
        assertThat(ConfigLoader.from(Map.of("model.backend", "CPU")).modelBackend()).isEqualTo(InferenceBackend.CPU);
    }

    @Test
    void shouldLetOverridesWinOverTheFile() throws Exception {
        Path file = dir.resolve("linkcast.properties");
        Files.writeString(file, "batch.max=64\nbootstrap.servers=broker:9092\nstate.dir=" + dir + "\n");
        ServiceConfig c = ConfigLoader.load(file, Map.of("batch.max", "512"));
        assertThat(c.topology().maxBatch()).isEqualTo(512);
        assertThat(c.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(c.embedded()).isFalse();
    }

    @Test
    void shouldRejectAnUnknownKeyInTheFile() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "bootstrap.server=broker:9092\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).hasMessageContaining("'bootstrap.server'");
    }
}
