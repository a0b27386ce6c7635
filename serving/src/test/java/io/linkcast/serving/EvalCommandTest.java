package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkcast.ingest.Interaction;
import io.linkcast.model.baseline.EdgeBankModel;
import io.linkcast.model.engine.ModelLoader;
import io.linkcast.model.engine.ModelLoaders;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.eval.DatasetInfo;
import io.linkcast.model.eval.TinyGraphs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Reads artifacts that are a directory holding a file "edgebank" (the window, in seconds). */
    private static final class EdgeBankLoader implements ModelLoader {
        @Override
        public String name() {
            return "test-edgebank";
        }

        @Override
        public boolean canLoad(Path dir) {
            return Files.exists(dir.resolve("edgebank"));
        }

        @Override
        public StreamModel<?> load(Path dir, io.linkcast.model.engine.InferenceBackend backend,
                io.linkcast.state.compact.StatePrecision precision) throws java.io.IOException {
            return new EdgeBankModel(Double.parseDouble(Files.readString(dir.resolve("edgebank")).trim()));
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(ModelLoaders loaders, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EvalCommand(loaders));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Path signedCsv(Path dir) throws java.io.IOException {
        List<String> lines = new ArrayList<>();
        for (Interaction e : TinyGraphs.signed(3, 1500, 60)) {
            lines.add(String.format(Locale.ROOT, "%s,%s,%d,%.3f", e.srcKey(), e.dstKey(), (int) e.weight(), e.t() + 0.25));
        }
        Path f = dir.resolve("signed.csv");
        Files.write(f, lines);
        return f;
    }

    @Test
    void shouldEvaluateBaselinesEndToEndAndWriteEveryOutput(@TempDir Path dir) throws Exception {
        Path data = signedCsv(dir);
        Path out = dir.resolve("out");
        Run r = run(new ModelLoaders(List.of()), "--data", data.toString(), "--model", "edgebank,history-lr",
                "--no-baselines", "--seeds", "1,2", "--batch", "50", "--out", out.toString(), "--no-progress");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("edgebank", "history-lr", "sign ROC-AUC", "link AP (global)",
                "sha256 " + DatasetInfo.sha256(data));
        JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("report.json")));
        assertThat(json.at("/models/0/name").asText()).isEqualTo("edgebank");
        assertThat(json.at("/models/1/name").asText()).isEqualTo("history-lr");
        assertThat(json.at("/seeds").size()).isEqualTo(2);
        assertThat(json.at("/models/1/metrics/sign.auc/mean").asDouble()).isGreaterThan(0.9);
        assertThat(json.at("/models/0/metrics/sign.auc").isMissingNode()).isTrue();
        assertThat(out.resolve("report.md")).exists();
        assertThat(out.resolve("curves-link.png")).exists();
        assertThat(out.resolve("curves-sign.png")).exists();
    }

    @Test
    void shouldLoadAModelArtifactThroughTheRegisteredLoader(@TempDir Path dir) throws Exception {
        Path data = signedCsv(dir);
        Path artifact = Files.createDirectories(dir.resolve("model"));
        Files.writeString(artifact.resolve("edgebank"), "1e9");
        Run r = run(new ModelLoaders(List.of(new EdgeBankLoader())), "--data", data.toString(), "--model",
                artifact.toString(), "--no-baselines", "--no-progress", "--ranking-sample", "0");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("model edgebank-tw@1: " + artifact.toAbsolutePath());
        assertThat(r.out()).doesNotContain("MRR");
    }

    @Test
    void shouldRejectAnUnknownModelWithTheAllowedNames(@TempDir Path dir) throws Exception {
        Path data = signedCsv(dir);
        Run r = run(new ModelLoaders(List.of()), "--data", data.toString(), "--model", "nonsense", "--no-progress");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown --model 'nonsense'", "edgebank", "history-lr");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run r2 = run(new ModelLoaders(List.of(new EdgeBankLoader())), "--data", data.toString(), "--model",
                empty.toString(), "--no-progress");
        assertThat(r2.exit()).isEqualTo(2);
        assertThat(r2.err()).contains("no model loader accepts", "test-edgebank");
    }
}
