package io.linkcast.model.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every number of an evaluation run: the models (trained artifacts and baselines) side by side, with the
 * mean and population std over seeds, and what the numbers are about (dataset and sha256, protocol, split
 * sizes per seed, batch size, ranking sample, seeds, artifacts, wall time). Printed as an aligned table,
 * written as JSON and Markdown.
 *
 * @param dataset the data
 * @param protocol transductive or inductive
 * @param batchSize micro-batch size of the evaluation
 * @param rankingSample test events with a ranking query (upper bound)
 * @param seeds the seeds, in run order
 * @param splits split sizes per seed (the inductive mask depends on the seed)
 * @param models one summary per model, in column order
 * @param wallSeconds wall time of the whole run
 */
public record EvalReport(DatasetInfo dataset, Protocol protocol, int batchSize, int rankingSample, List<Long> seeds,
        Map<Long, SplitSizes> splits, List<ModelSummary> models, double wallSeconds) {

    public EvalReport {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(protocol, "protocol");
        seeds = List.copyOf(seeds);
        splits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(splits));
        models = List.copyOf(models);
    }

    /**
     * One model's numbers.
     *
     * @param name column name
     * @param artifact where the model comes from
     * @param metrics mean and spread of each metric that applies
     * @param seconds wall time of its evaluations, summed over seeds
     */
    public record ModelSummary(String name, String artifact, Map<Metric, MetricSummary> metrics, double seconds) {
        public ModelSummary {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(artifact, "artifact");
            EnumMap<Metric, MetricSummary> copy = new EnumMap<>(Metric.class);
            copy.putAll(metrics);
            metrics = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /**
     * A metric over seeds.
     *
     * @param mean mean over seeds
     * @param std population standard deviation over seeds (0 for one seed)
     * @param perSeed the values, in seed order
     */
    public record MetricSummary(double mean, double std, List<Double> perSeed) {
        public MetricSummary {
            perSeed = List.copyOf(perSeed);
        }

        static MetricSummary of(double[] values) {
            List<Double> list = new ArrayList<>();
            for (double v : values) {
                list.add(v);
            }
            return new MetricSummary(Stats.mean(values), Stats.std(values), list);
        }
    }

    /**
     * Summarises per-seed results. {@code results} must hold one result per (candidate, seed); models appear
     * in {@code candidates} order.
     */
    public static EvalReport summarise(DatasetInfo dataset, Protocol protocol, EvalConfig config, List<Long> seeds,
            List<CandidateModel> candidates, List<EvalResult> results, double wallSeconds) {
        Map<Long, SplitSizes> splits = new LinkedHashMap<>();
        for (EvalResult r : results) {
            splits.putIfAbsent(r.seed(), r.sizes());
        }
        List<ModelSummary> models = new ArrayList<>();
        for (CandidateModel c : candidates) {
            List<EvalResult> mine = new ArrayList<>();
            for (long seed : seeds) {
                EvalResult found = null;
                for (EvalResult r : results) {
                    if (r.model().equals(c.name()) && r.seed() == seed) {
                        found = r;
                    }
                }
                if (found == null) {
                    throw new IllegalArgumentException("no result for model " + c.name() + " with seed " + seed);
                }
                mine.add(found);
            }
            Map<Metric, MetricSummary> metrics = new EnumMap<>(Metric.class);
            for (Metric m : Metric.values()) {
                if (mine.stream().anyMatch(r -> r.metrics().containsKey(m))) {
                    metrics.put(m, MetricSummary.of(mine.stream().mapToDouble(r -> r.get(m)).toArray()));
                }
            }
            models.add(new ModelSummary(c.name(), c.artifact(), metrics,
                    mine.stream().mapToDouble(EvalResult::seconds).sum()));
        }
        return new EvalReport(dataset, protocol, config.batchSize(), config.rankingSample(), seeds, splits, models,
                wallSeconds);
    }

    /** The metrics any model reports, in {@link Metric} order. */
    public List<Metric> metrics() {
        List<Metric> out = new ArrayList<>();
        for (Metric m : Metric.values()) {
            if (models.stream().anyMatch(s -> s.metrics().containsKey(m))) {
                out.add(m);
            }
        }
        return out;
    }

    /** The header lines and an aligned plain-text table (metrics down, models across). */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        for (String line : headerLines()) {
            sb.append(line).append('\n');
        }
        List<String[]> rows = tableRows();
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                if (c == 0) {
                    line.append(pad(r[c], width[c], false));
                } else {
                    line.append("  ").append(pad(r[c], width[c], true));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (i == 0) {
                int total = java.util.Arrays.stream(width).sum() + 2 * (width.length - 1);
                sb.append("-".repeat(total)).append('\n');
            }
        }
        return sb.toString();
    }

    /** The same content as Markdown. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("# linkcast evaluation\n\n");
        for (String line : headerLines()) {
            sb.append("- ").append(line).append('\n');
        }
        sb.append('\n');
        List<String[]> rows = tableRows();
        for (int i = 0; i < rows.size(); i++) {
            sb.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                sb.append("|---").append("|---:".repeat(rows.get(0).length - 1)).append("|\n");
            }
        }
        return sb.toString();
    }

    /** JSON; metrics are keyed by {@link Metric#key()}; NaN is written as null. */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode ds = root.putObject("dataset");
        ds.put("file", dataset.file());
        ds.put("sha256", dataset.sha256());
        ds.put("events", dataset.events());
        root.put("protocol", protocol.name().toLowerCase(Locale.ROOT));
        root.put("batchSize", batchSize);
        root.put("rankingSample", rankingSample);
        ArrayNode seedArray = root.putArray("seeds");
        seeds.forEach(seedArray::add);
        ObjectNode sp = root.putObject("splits");
        for (Map.Entry<Long, SplitSizes> e : splits.entrySet()) {
            sp.set(Long.toString(e.getKey()), mapper.valueToTree(e.getValue()));
        }
        ArrayNode ms = root.putArray("models");
        for (ModelSummary m : models) {
            ObjectNode mn = ms.addObject();
            mn.put("name", m.name());
            mn.put("artifact", m.artifact());
            mn.put("seconds", m.seconds());
            ObjectNode metricsNode = mn.putObject("metrics");
            for (Map.Entry<Metric, MetricSummary> e : m.metrics().entrySet()) {
                ObjectNode v = metricsNode.putObject(e.getKey().key());
                putNumber(v, "mean", e.getValue().mean());
                putNumber(v, "std", e.getValue().std());
                ArrayNode per = v.putArray("perSeed");
                for (double d : e.getValue().perSeed()) {
                    if (Double.isFinite(d)) {
                        per.add(d);
                    } else {
                        per.addNull();
                    }
                }
            }
        }
        root.put("wallSeconds", wallSeconds);
        try {
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the report", e);
        }
    }

    /** Writes {@code report.json}, {@code report.md} and {@code report.txt} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), toJson(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.md"), toMarkdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.txt"), toTable(), StandardCharsets.UTF_8);
    }

    private List<String> headerLines() {
        List<String> lines = new ArrayList<>();
        lines.add("dataset: " + dataset.file() + " (" + dataset.events() + " events, sha256 " + dataset.sha256() + ")");
        lines.add("protocol: " + protocol.name().toLowerCase(Locale.ROOT) + ", chronological 70/15/15; batch "
                + batchSize + "; ranking on up to " + rankingSample + " test events");
        lines.add("seeds: " + seeds);
        for (Map.Entry<Long, SplitSizes> e : splits.entrySet()) {
            SplitSizes s = e.getValue();
            lines.add("split (seed " + e.getKey() + "): train " + s.train() + ", val " + s.val() + ", test " + s.test()
                    + (protocol == Protocol.INDUCTIVE ? ", test replay " + s.testReplay() + ", masked nodes "
                    + s.masked() : "") + "; " + s.nodes() + " nodes");
        }
        for (ModelSummary m : models) {
            lines.add(String.format(Locale.ROOT, "model %s: %s (%.1f s)", m.name(), m.artifact(), m.seconds()));
        }
        lines.add(String.format(Locale.ROOT, "wall time: %.1f s", wallSeconds));
        return lines;
    }

    private List<String[]> tableRows() {
        List<String[]> rows = new ArrayList<>();
        String[] head = new String[models.size() + 1];
        head[0] = "metric";
        for (int i = 0; i < models.size(); i++) {
            head[i + 1] = models.get(i).name();
        }
        rows.add(head);
        for (Metric m : metrics()) {
            String[] r = new String[models.size() + 1];
            r[0] = m.label();
            for (int i = 0; i < models.size(); i++) {
                MetricSummary s = models.get(i).metrics().get(m);
                r[i + 1] = s == null ? "-" : format(m, s);
            }
            rows.add(r);
        }
        return rows;
    }

    private String format(Metric m, MetricSummary s) {
        if (Double.isNaN(s.mean())) {
            return "n/a";
        }
        String pattern = m == Metric.RANK_QUERIES ? "%.0f" : "%.4f";
        String mean = String.format(Locale.ROOT, pattern, s.mean());
        if (seeds.size() > 1 && m != Metric.RANK_QUERIES) {
            return mean + " ± " + String.format(Locale.ROOT, "%.4f", s.std());
        }
        return mean;
    }

    private static void putNumber(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.putNull(field);
        }
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
