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
        assertThat(r.err()).contains("rate").contains("'fast'");
    }

    @Test
    void shouldFailAtStartNamingABadStatePrecision() {
        String before = System.setProperty("linkcast.state.precision", "fp16");
        try {
            String data = dir.resolve("absent.csv").toString();
            for (Run r : new Run[] {run("eval", "--data", data, "--model", dir.toString()),
                    run("train", "--model", "nat", "--data", data, "--out", dir.toString()),
                    run("train", "--model", "semba", "--data", data, "--out", dir.toString())}) {
                assertThat(r.code()).isEqualTo(2);
                assertThat(r.err()).contains("linkcast.state.precision").contains("'fp16'");
            }
        } finally {
            if (before == null) {
                System.clearProperty("linkcast.state.precision");
            } else {
                System.setProperty("linkcast.state.precision", before);
            }
        }
    }

    @Test
    void shouldTrainANatArtifactThatEvalAndServeCanLoad() throws Exception {
        // a small JODIE-format stream: 6 nodes talking in pairs that repeat, so there is something to learn
        StringBuilder csv = new StringBuilder(",u,i,ts,label,idx\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 600; i++) {
            int u = 1 + r.nextInt(6);
            int v = 1 + (u + r.nextInt(2)) % 6;
            csv.append(i).append(',').append(u).append(',').append(v).append(',').append(i * 10).append(",0,").append(i + 1)
                    .append('\n');
        }
        Path data = dir.resolve("ml_tiny.csv");
        java.nio.file.Files.writeString(data, csv);
        Path artifact = dir.resolve("nat-tiny");
        Run train = run("train", "--model", "nat", "--data", data.toString(), "--out", artifact.toString(), "--epochs", "1",
                "--no-progress");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(artifact.resolve("nat.params")).exists();
        assertThat(artifact.resolve("config.json")).exists();
        assertThat(artifact.resolve("training.png")).exists();
        assertThat(train.out()).contains("validation AP");

        Run eval = run("eval", "--data", data.toString(), "--model", artifact.toString(), "--no-baselines",
                "--ranking-sample", "0", "--no-progress");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("nat").containsPattern("link AP \\(global\\)\\s+0\\.\\d+");

        ServedModels served = ServedModels.load(java.util.List.of("nat=" + artifact), io.linkcast.model.engine.ModelLoaders.discover());
        assertThat(served.info().name()).isEqualTo("nat");
        assertThat(served.swap(artifact).name()).isEqualTo("nat");
        // the trainers come from the model modules, through ServiceLoader
        assertThat(run("train", "--model", "gcn").err()).contains("--model must be one of [nat, semba]");
        Run help = run("train", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: linkcast train");
        Run missing = run("train", "--data", data.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--model=MODEL'");
        Run trainerHelp = run("train", "--model", "semba", "--help");
        assertThat(trainerHelp.code()).isZero();
        assertThat(trainerHelp.out()).contains("--data");
    }

    @Test
    void shouldTrainBothModelsThenRunTheDemoEndToEndOnTheEmbeddedBroker() throws Exception {
        Path models = dir.resolve("models");
        Run r = run("demo", "--synthetic", "--events", "2000", "--nodes", "300", "--train-events", "1500", "--nat-epochs", "1",
                "--semba-epochs", "1", "--models-dir", models.toString(), "--http-port", "0", "--state-dir",
                dir.resolve("state").toString(), "--report-every", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("training NAT on the first 1,500 events").contains("training SEMBA")
                .containsPattern("model: nat@[^,]+,semba@")
                .contains("summary").containsPattern("events produced\\s+2,000")
                .containsPattern("predictions\\s+2,000").containsPattern("dead-lettered\\s+0")
                .contains("events/s").containsPattern("latency\\s+p50 \\d+ ms")
                // the models against the baseline run beside them on the same events and negatives
                .containsPattern("live quality\\s+models\\s+baseline\\s+margin")
                .containsPattern("link AP\\s+0\\.\\d{3}\\s+0\\.\\d{3}\\s+[+-]\\d\\.\\d{3}")
                .containsPattern("sign ROC-AUC\\s+0\\.\\d{3}\\s+0\\.\\d{3}\\s+[+-]\\d\\.\\d{3}");
        // the artifacts are the real ones: serve and eval load them
        assertThat(models.resolve("nat")).isDirectory();
        assertThat(models.resolve("semba")).isDirectory();
        assertThat(models.resolve("synthetic-train.csv")).content().hasLineCount(1500);
    }
}
