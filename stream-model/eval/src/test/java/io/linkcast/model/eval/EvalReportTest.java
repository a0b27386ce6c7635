package io.linkcast.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalReportTest {
    private static final SplitSizes SIZES = new SplitSizes(100, 20, 70, 15, 15, 0, 0);

    private static CandidateModel named(String name) {
        return CandidateModel.fixed(name, "artifact of " + name, null);
    }

    private static EvalResult result(String model, long seed, Map<Metric, Double> metrics) {
        return new EvalResult(model, seed, SIZES, metrics, null, null, 1.5);
    }

    private static EvalReport report() {
        List<EvalResult> results = List.of(
                result("nat", 1, Map.of(Metric.LINK_AP, 0.5, Metric.LINK_AUC, 0.6)),
                result("edgebank", 1, Map.of(Metric.LINK_AP, 0.25)),
                result("nat", 2, Map.of(Metric.LINK_AP, 1.0, Metric.LINK_AUC, 0.8)),
                result("edgebank", 2, Map.of(Metric.LINK_AP, 0.25)));
        return EvalReport.summarise(new DatasetInfo("data/x.csv", "ab12", 100), Protocol.TRANSDUCTIVE,
                EvalConfig.defaults(1), List.of(1L, 2L), List.of(named("nat"), named("edgebank")), results, 3.25);
    }

    @Test
    void shouldSummariseSeedsWithMeanAndPopulationStd() {
        EvalReport r = report();
        EvalReport.MetricSummary ap = r.models().get(0).metrics().get(Metric.LINK_AP);
        assertThat(ap.mean()).isEqualTo(0.75);
        assertThat(ap.std()).isEqualTo(0.25);
        assertThat(ap.perSeed()).containsExactly(0.5, 1.0);
        assertThat(r.models().get(1).metrics()).doesNotContainKey(Metric.LINK_AUC);
        assertThat(r.models().get(0).seconds()).isEqualTo(3.0);
    }

    @Test
    void shouldPrintAnAlignedTableWithModelsSideBySide() {
        String table = report().toTable();
        assertThat(table).contains("sha256 ab12", "seeds: [1, 2]", "train 70, val 15, test 15", "wall time: 3.3 s");
        List<String> lines = table.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("metric")).findFirst().orElseThrow());
        String ap = lines.get(header + 2);
        String auc = lines.get(header + 3);
        assertThat(ap).startsWith("link AP (global)").contains("0.7500 ± 0.2500", "0.2500 ± 0.0000");
        assertThat(auc).startsWith("link ROC-AUC (global)").endsWith("-");
        // right-aligned columns: every row of the table has the same length
        assertThat(lines.get(header).length()).isEqualTo(ap.length()).isEqualTo(auc.length());
    }

    @Test
    void shouldWriteJsonAndMarkdownWithTheSameNumbers(@TempDir Path dir) throws Exception {
        report().write(dir);
        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("report.json")));
        assertThat(json.at("/dataset/sha256").asText()).isEqualTo("ab12");
        assertThat(json.at("/splits/2/train").asInt()).isEqualTo(70);
        assertThat(json.at("/models/0/name").asText()).isEqualTo("nat");
        assertThat(json.at("/models/0/metrics/link.ap/mean").asDouble()).isEqualTo(0.75);
        assertThat(json.at("/models/0/metrics/link.ap/perSeed/1").asDouble()).isEqualTo(1.0);
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("| metric | nat | edgebank |", "|---|---:|---:|",
                "| link AP (global) | 0.7500 ± 0.2500 | 0.2500 ± 0.0000 |");
        assertThat(Files.readString(dir.resolve("report.txt"))).isEqualTo(report().toTable());
    }

    @Test
    void shouldWriteNaNAsNull() throws Exception {
        EvalReport r = EvalReport.summarise(new DatasetInfo("f", "00", 1), Protocol.INDUCTIVE, EvalConfig.defaults(1),
                List.of(1L), List.of(named("m")), List.of(result("m", 1, Map.of(Metric.WEIGHT_PEARSON, Double.NaN))), 1);
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertThat(json.at("/models/0/metrics/weight.pearson/mean").isNull()).isTrue();
        assertThat(r.toTable()).contains("n/a");
    }
}
