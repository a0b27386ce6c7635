package io.linkcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Replays against a real single-node KRaft broker running in this JVM (no Docker). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayKafkaTest {
    private KafkaClusterTestKit cluster;
    private String bootstrap;

    @BeforeAll
    void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        bootstrap = cluster.bootstrapServers();
    }

    @AfterAll
    void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void shouldReplaySyntheticEventsThatParseBackEqualAndInOrder() throws Exception {
        ReplayRoundTrip.replayAndVerify(bootstrap, "interactions");
    }

    @Test
    void shouldPaceARateLimitedReplayAndDrawTheProgressBarWithoutATerminal() throws Exception {
        ReplayRoundTrip.createTopic(bootstrap, "paced");
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        List<Interaction> events = new ArrayList<>();
        new SyntheticStream(SyntheticConfig.defaults(50, 60, 3)).forEach(events::add);
        ReplaySummary summary;
        try (Producer<byte[], byte[]> producer = ReplayProducer.newProducer(bootstrap);
                PrintStream progress = new PrintStream(bar, true, StandardCharsets.UTF_8)) {
            summary = new ReplayProducer(producer, "paced", Pacer.system(new ReplayRate(200)), progress)
                    .replay(events.iterator(), 60);
        }
        assertThat(summary.events()).isEqualTo(60);
        // pacing releases event 59 at 59/200 s after event 0 at the earliest
        assertThat(summary.seconds()).isGreaterThanOrEqualTo(59 / 200.0);
        assertThat(ReplayRoundTrip.parse(ReplayRoundTrip.consume(bootstrap, "paced", 60))).isEqualTo(events);
        String drawn = bar.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("replay").contains("100%").contains("60/60");
    }

    @Test
    void shouldRunTheCommandOnASyntheticStream() throws Exception {
        ReplayRoundTrip.createTopic(bootstrap, "cli-synthetic");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ReplayCommand());
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("--bootstrap-servers", bootstrap, "--topic", "cli-synthetic", "--synthetic",
                "--events", "300", "--nodes", "50", "--seed", "9", "--rate", "max", "--no-progress");
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("replayed 300 events in ").contains("events/s) to cli-synthetic");

        List<Interaction> expected = new ArrayList<>();
        new SyntheticStream(SyntheticConfig.defaults(50, 300, 9)).forEach(expected::add);
        assertThat(ReplayRoundTrip.parse(ReplayRoundTrip.consume(bootstrap, "cli-synthetic", 300))).isEqualTo(expected);
    }

    @Test
    void shouldRunTheCommandOnADatasetFileInTimeOrderUpToTheLimit(@TempDir Path dir) throws Exception {
        ReplayRoundTrip.createTopic(bootstrap, "cli-data");
        Path file = Files.writeString(dir.resolve("tiny.csv"), "7,8,-3,300.5\n1,2,5,100\nalice,bob,2,200\n");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ReplayCommand());
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("--bootstrap-servers", bootstrap, "--topic", "cli-data", "--data", file.toString(),
                "--limit", "2", "--rate", "1000");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("read " + file + " (signed-csv, sha256 ")
                .contains("3 rows, 6 nodes").contains("2 out of order").contains("replayed 2 events");
        assertThat(ReplayRoundTrip.parse(ReplayRoundTrip.consume(bootstrap, "cli-data", 2))).containsExactly(
                Interaction.of("1", "2", 100, 1, 5, null),
                Interaction.of("alice", "bob", 200, 1, 2, null));
    }
}
