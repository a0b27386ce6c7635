package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LinkcastCliTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = LinkcastCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shouldListTheCommands() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("demo").contains("serve").contains("replay");
    }

    @Test
    void shouldFailAtStartNamingABadConfigKey() {
        Run r = run("serve", "--set", "batch.maxx=3", "--state-dir", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'batch.maxx'");
        Run bad = run("demo", "--set", "batch.max=0", "--state-dir", dir.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'batch.max'");
    }

    @Test
    void shouldRefuseABadRate() {
        Run r = run("demo", "--rate", "fast", "--state-dir", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--rate");
    }

    @Test
    void shouldRunTheDemoEndToEndOnTheEmbeddedBroker() {
        Run r = run("demo", "--events", "2000", "--http-port", "0", "--state-dir", dir.toString(), "--report-every", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("summary").containsPattern("events produced\\s+2,000")
                .containsPattern("predictions\\s+2,000").containsPattern("dead-lettered\\s+0")
                .contains("events/s").containsPattern("latency\\s+p50 \\d+ ms");
    }
}
