package io.linkcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Command-line handling that needs no broker: every case fails before a producer would send anything. */
class ReplayCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        ReplayCommand command = new ReplayCommand(settings -> {
            throw new AssertionError("no producer should be made for " + settings.get("bootstrap.servers"));
        }, System.err);
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** A secured cluster: the file's settings reach the producer, over the defaults, which stay where not replaced. */
    @Test
    void shouldGiveTheProducerTheSettingsOfItsConfigFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("producer.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nlinger.ms=50\n");
        AtomicReference<Map<String, Object>> made = new AtomicReference<>();
        ReplayCommand command = new ReplayCommand(settings -> {
            made.set(settings);
            throw new KafkaException("stop here: no broker in this test");
        }, System.err);
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("--bootstrap-servers", "kafka-1:9093", "--synthetic", "--events", "10",
                "--producer-config", file.toString(), "--no-progress");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("stop here");
        assertThat(made.get()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("linger.ms", "50").containsEntry("bootstrap.servers", "kafka-1:9093")
                .containsEntry("acks", "all");
    }

    @Test
    void shouldPrintHelpAndSucceed() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: replay").contains("--bootstrap-servers")
                .contains("--rate=N|max").contains("--data=FILE").contains("--synthetic").contains("default: interactions");
    }

    @Test
    void shouldNameTheRateOptionWhenItsValueIsBad() {
        assertThat(run("--bootstrap-servers", "localhost:1", "--synthetic", "--rate", "fast")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate").contains("'fast'")
                .contains("positive number of events per second or 'max'");
    }

    @Test
    void shouldRefuseAZeroRate() {
        assertThat(run("--bootstrap-servers", "localhost:1", "--synthetic", "--rate", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate").contains("'0'");
    }

    @Test
    void shouldRequireTheBootstrapServersAndExactlyOneSource() {
        assertThat(run("--synthetic")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--bootstrap-servers");
        assertThat(run("--bootstrap-servers", "localhost:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--data=FILE | --synthetic");
        assertThat(run("--bootstrap-servers", "localhost:1", "--synthetic", "--data", "x.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void shouldRefuseOptionsThatDoNotApplyToTheSource() {
        assertThat(run("--bootstrap-servers", "localhost:1", "--data", "x.csv", "--events", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("--events applies to --synthetic, not to --data");
        assertThat(run("--bootstrap-servers", "localhost:1", "--synthetic", "--format", "jodie")).isEqualTo(2);
        assertThat(err.toString()).contains("--format applies to --data");
    }

    @Test
    void shouldNameBadFormatLimitAndNodes() {
        assertThat(run("--bootstrap-servers", "localhost:1", "--data", "x.csv", "--format", "parquet")).isEqualTo(2);
        assertThat(err.toString()).contains("--format").contains("'parquet'");
        assertThat(run("--bootstrap-servers", "localhost:1", "--synthetic", "--limit", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--limit must be >= 0, got -1");
        assertThat(run("--bootstrap-servers", "localhost:1", "--synthetic", "--nodes", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--nodes must be >= 2, got 1");
        assertThat(run("--bootstrap-servers", "localhost:1", "--synthetic", "--nodes", "600000000")).isEqualTo(2);
        assertThat(err.toString()).contains("nodes * neighbourSlots must fit");
    }

    @Test
    void shouldReportAnUnreadableFileWithoutAStackTrace(@TempDir Path dir) {
        Path missing = dir.resolve("missing.csv");
        assertThat(run("--bootstrap-servers", "localhost:1", "--data", missing.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("replay: ").contains("missing.csv").doesNotContain("\tat ");
    }

    @Test
    void shouldReportAMalformedFileWithItsLine(@TempDir Path dir) throws Exception {
        Path bad = java.nio.file.Files.writeString(dir.resolve("bad.csv"), "1,2,3,4\n1,2,3\n");
        assertThat(run("--bootstrap-servers", "localhost:1", "--data", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("bad.csv:2: expected 4 comma-separated fields");
    }

}
