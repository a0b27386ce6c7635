package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.InteractionJson;
import io.linkcast.ingest.SyntheticConfig;
import io.linkcast.ingest.SyntheticStream;
import io.linkcast.model.topology.Prediction;
import io.linkcast.model.topology.PredictionJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Node state partitioned by node id, across instances: two {@code serve} processes (separate JVMs) with the same
 * application id share 4 partitions; one is killed with SIGKILL mid-stream, and the survivor must take its
 * partitions over (restoring their stores from the changelogs) so that every input event has exactly one committed
 * prediction.
 */
class ScaleOutIntegrationTest extends EmbeddedBrokerTest {
    private static final int EVENTS = 20_000;
    private static final String PREFIX = "scale";

    private static Process serve(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dai.djl.offline=true", LinkcastCli.class.getName(), "serve",
                "--bootstrap-servers", broker.bootstrapServers(), "--state-dir", dir.resolve(name).toString(),
                "--http-port", "0", "--batch", "100", "--set", "application.id=" + PREFIX + "-app",
                "--set", "topic.partitions=4",
                "--set", "topic.interactions=" + PREFIX + ".interactions", "--set", "topic.dlq=" + PREFIX + ".dlq",
                "--set", "topic.predictions=" + PREFIX + ".predictions");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        return pb.start();
    }

    private static String tail(Path log) throws java.io.IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Test
    void shouldPublishExactlyOnePredictionPerEventWhenOneOfTwoInstancesIsKilled() throws Exception {
        List<String> json = new ArrayList<>();
        for (Interaction e : new SyntheticStream(SyntheticConfig.defaults(2_000, EVENTS, 31))) {
            json.add(new String(InteractionJson.encode(e), StandardCharsets.UTF_8));
        }
        String bootstrap = broker.bootstrapServers();
        Process first = serve("first");
        Process second = serve("second");
        try {
            KafkaTestSupport.produce(bootstrap, PREFIX + ".interactions", json.subList(0, EVENTS / 2));
            List<ConsumerRecord<byte[], byte[]>> seen = KafkaTestSupport.consumeAll(bootstrap, PREFIX + ".predictions",
                    2_000, Duration.ofSeconds(180));
            assertThat(seen.size()).as("predictions before the kill; first instance's log:%n%s",
                    tail(dir.resolve("first.log"))).isGreaterThanOrEqualTo(2_000);
            KafkaTestSupport.produce(bootstrap, PREFIX + ".interactions", json.subList(EVENTS / 2, EVENTS));
            first.destroyForcibly().waitFor();

            List<ConsumerRecord<byte[], byte[]>> all = KafkaTestSupport.consumeAll(bootstrap, PREFIX + ".predictions",
                    EVENTS, Duration.ofSeconds(300));
            Set<String> positions = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r : all) {
                Prediction p = PredictionJson.decode(r.value());
                positions.add(p.partition() + "/" + p.offset());
            }
            assertThat(all).as("committed predictions; survivor's log:%n%s", tail(dir.resolve("second.log")))
                    .hasSize(EVENTS);
            assertThat(positions).as("distinct input positions predicted").hasSize(EVENTS);
            // the input was spread over the 4 partitions, so the chain really ran partitioned
            assertThat(positions.stream().map(s -> s.substring(0, s.indexOf('/'))).distinct().count()).isEqualTo(4);
        } finally {
            first.destroyForcibly().waitFor();
            second.destroy();
            second.waitFor();
        }
    }
}
