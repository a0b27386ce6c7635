package io.linkcast.serving;

import io.linkcast.ingest.DatasetReader;
import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.ReplayRate;
import io.linkcast.model.engine.ModelLoaders;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one-command demo: trains small NAT and SEMBA models on the first events of the stream
 * ({@link DemoTraining}), starts the embedded broker, topics, stream application and HTTP API with them,
 * then streams the rest of the events through Kafka with a live status line and ends with a summary of
 * throughput, latency and live model quality. {@code --model} serves given artifacts instead, and
 * {@code --no-train} the baseline.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train small NAT and SEMBA models on the first events, start everything (embedded Kafka unless "
                + "--bootstrap-servers), stream the following interactions through it, "
                + "print live throughput and latency, and a summary.")
final class DemoCommand implements Callable<Integer> {
    static final int SYNTHETIC_TRAIN_EVENTS = 12_000;
    /** The default stream where the shared datasets are: signed, real, and one on which the models beat the baseline. */
    static final String SHARED_DEFAULT = "bitcoin-otc/soc-sign-bitcoinotc.csv";
    @Mixin
    ServiceOptions options = new ServiceOptions();

    @Option(names = "--events", paramLabel = "N", defaultValue = "30000",
            description = "events to stream (default ${DEFAULT-VALUE}; a dataset streams all its rows unless given)")
    Long events;

    @Option(names = "--data", paramLabel = "FILE", description = "stream a dataset file (default: the shared Bitcoin-OTC "
            + "file where it exists, else the synthetic stream)")
    Path data;

    @Option(names = "--synthetic", description = "stream the seeded synthetic events even where the shared dataset exists "
            + "(implied by --nodes, --seed and --follow)")
    boolean synthetic;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "5000", description = "synthetic nodes (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--seed", defaultValue = "1", description = "synthetic stream seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--rate", paramLabel = "N|max", defaultValue = "max",
            description = "events per second to produce, or max (default ${DEFAULT-VALUE})")
    String rate;

    @Option(names = "--follow", description = "keep streaming synthetic events until Ctrl-C")
    boolean follow;

    @Option(names = "--train", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "train NAT and SEMBA on the first --train-events first (default ${DEFAULT-VALUE}; "
                    + "--no-train serves the baseline; --model serves trained artifacts)")
    boolean train;

    @Option(names = "--train-events", paramLabel = "N",
            description = "leading events to train on; the stream starts after them (default: "
                    + SYNTHETIC_TRAIN_EVENTS + " of the synthetic stream, the first two thirds of a dataset)")
    Integer trainEvents;

    @Option(names = "--nat-epochs", defaultValue = "3", description = "most NAT epochs (default ${DEFAULT-VALUE})")
    int natEpochs;

    @Option(names = "--semba-epochs", defaultValue = "10",
            description = "most SEMBA epochs, early-stopped on validation loss (default ${DEFAULT-VALUE})")
    int sembaEpochs;

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "where the demo's training writes its artifacts (default: a new temporary directory)")
    Path modelsDir;

    @Option(names = "--report-every", paramLabel = "SECONDS", defaultValue = "3",
            description = "seconds between status lines (default ${DEFAULT-VALUE})")
    double reportEvery;

    @Spec
    CommandSpec spec;

    private List<Interaction> datasetEvents;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ServiceConfig config = options.load();
        ReplayRate eventsPerSecond = ReplayRate.parse(rate);
        data = stream(out);
        long limit = follow ? Long.MAX_VALUE : (data != null && !spec.commandLine().getParseResult().hasMatchedOption("--events")
                ? Long.MAX_VALUE : events);
        boolean training = train && options.models.isEmpty();
        if (trainEvents == null) {
            trainEvents = data == null ? SYNTHETIC_TRAIN_EVENTS : Math.max(100, 2 * dataset().size() / 3);
        }
        long skip = training ? trainEvents : 0;
        ServedModels models = training ? ServedModels.load(trainModels(out), ModelLoaders.discover().withBackend(config.modelBackend()))
                : options.loadModels(config);
        Iterator<Interaction> source = DemoFeed.source(data, nodes, seed, skip, follow ? Long.MAX_VALUE : limit);

        long t0 = System.nanoTime();
        out.println("linkcast demo: starting " + (config.embedded() ? "an embedded Kafka broker, " : "")
                + "the stream application and the HTTP API...");
        out.flush();
        try (LinkcastRuntime runtime = LinkcastRuntime.start(config, models);
                LatencyProbe probe = new LatencyProbe(runtime.bootstrapServers(), config.topology().predictionsTopic());
                DemoFeed feed = new DemoFeed(runtime.bootstrapServers(), config.topology().interactionsTopic(), source,
                        eventsPerSecond)) {
            out.printf("ready in %.1f s: kafka %s, HTTP http://%s:%d (try /dashboard, /metrics, /v1/nodes/{id})%nmodel: %s%n",
                    (System.nanoTime() - t0) / 1e9, runtime.bootstrapServers(), config.httpHost(), runtime.httpPort(),
                    runtime.service().model().info().version());
            out.flush();
            StreamMetrics m = runtime.service().metrics();
            Thread stopper = new Thread(feed::stop, "linkcast-demo-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            feed.start();
            long start = System.nanoTime();
            long lastReport = start;
            long lastCount = 0;
            while (true) {
                Thread.sleep(100);
                long now = System.nanoTime();
                boolean drained = feed.done() && m.acceptedTotal() + m.deadLetteredTotal() >= feed.sent()
                        && probe.received() >= m.acceptedTotal();
                if (now - lastReport >= reportEvery * 1e9 || drained) {
                    long count = probe.received();
                    Histogram h = probe.interval();
                    double secs = (now - lastReport) / 1e9;
                    out.printf("[%6.1fs] in %,d  out %,d  dlq %,d  | %,.0f ev/s | latency p50 %s p99 %s | lag %,d%n",
                            (now - start) / 1e9, m.acceptedTotal() + m.deadLetteredTotal(), count, m.deadLetteredTotal(),
                            (count - lastCount) / secs, ms(h, 50), ms(h, 99), Math.max(0, feed.sent() - count - m.deadLetteredTotal()));
                    out.flush();
                    lastReport = now;
                    lastCount = count;
                }
                if (drained) {
                    break;
                }
                if (feed.failure() != null) {
                    throw new IllegalStateException("producing failed: " + feed.failure().getMessage(), feed.failure());
                }
            }
            Runtime.getRuntime().removeShutdownHook(stopper);
            Histogram total = probe.total();
            double seconds = (probe.lastReceivedNanos() - feed.startNanos()) / 1e9;
            out.println();
            out.println("summary");
            out.printf("  events produced     %,d%n", feed.sent());
            out.printf("  predictions         %,d%n", probe.received());
            out.printf("  dead-lettered       %,d%n", m.deadLetteredTotal());
            out.printf("  wall time           %.2f s (first event produced to last prediction read)%n", seconds);
            out.printf("  throughput          %,.0f events/s end to end%n", probe.received() / seconds);
            out.printf("  latency             p50 %s  p95 %s  p99 %s  max %s (produce -> prediction readable, exactly-once)%n",
                    ms(total, 50), ms(total, 95), ms(total, 99), ms(total, 100));
            out.printf("  micro-batches       mean %.0f events%n", m.meanBatchSize());
            printQuality(out, m.liveQuality().snapshot(), m.baselineQuality().snapshot());
            out.flush();
        }
        return 0;
    }

    /**
     * The file to stream, or null for the synthetic stream: {@code --data}, else the shared Bitcoin-OTC file where
     * {@code linkcast.data.dir} holds it (the synthetic stream's signs are mostly unlearnable for any predictor, see
     * the README, so a dataset shows the models' margin better), else synthetic.
     */
    private Path stream(PrintWriter out) {
        var parsed = spec.commandLine().getParseResult();
        // the synthetic stream's own options say which stream is meant
        if (data != null || synthetic || follow || parsed.hasMatchedOption("--nodes") || parsed.hasMatchedOption("--seed")) {
            return data;
        }
        String dir = System.getProperty("linkcast.data.dir");
        Path shared = dir == null ? null : Path.of(dir).resolve(SHARED_DEFAULT);
        if (shared != null && Files.isRegularFile(shared)) {
            out.println("streaming the shared Bitcoin-OTC ratings (" + shared.normalize() + "); --synthetic for the "
                    + "synthetic stream");
            return shared;
        }
        return null;
    }

    private List<Interaction> dataset() throws IOException {
        if (datasetEvents == null) {
            datasetEvents = new DatasetReader().read(data).events();
        }
        return datasetEvents;
    }

    private List<String> trainModels(PrintWriter out) throws Exception {
        Path dir = modelsDir != null ? modelsDir : Files.createTempDirectory("linkcast-demo-models-");
        DemoTraining t = new DemoTraining(dir, trainEvents, natEpochs, sembaEpochs);
        if (data == null) {
            return t.onSynthetic(nodes, seed, out);
        }
        boolean signed = dataset().stream().limit(trainEvents).anyMatch(Interaction::hasSign);
        return t.onFile(data, signed, out);
    }

    /**
     * The models' live quality and, when the baseline ran beside them, the baseline's on the same events and
     * negatives, with the margin: what a user needs to see whether the models earn their cost.
     */
    static void printQuality(PrintWriter out, LiveQuality.Snapshot served, LiveQuality.Snapshot baseline) {
        if (baseline.windowEvents() == 0) {
            out.printf("  live link quality   AP %s  AUC %s (last %,d events, one read-only negative each)%n",
                    metric(served.linkAp()), metric(served.linkAuc()), served.linkPairs());
            out.printf("  live sign quality   AUC %s  macro-F1 %s (last %,d signed events)%n", metric(served.signAuc()),
                    metric(served.signMacroF1()), served.signedEvents());
            return;
        }
        out.printf("%n  live quality        models   baseline   margin   (prequential: last %,d events, each with one "
                + "read-only negative, the same for both)%n", served.windowEvents());
        qualityRow(out, "link AP", served.linkAp(), baseline.linkAp());
        qualityRow(out, "link ROC-AUC", served.linkAuc(), baseline.linkAuc());
        qualityRow(out, "sign ROC-AUC", served.signAuc(), baseline.signAuc());
        qualityRow(out, "sign macro-F1", served.signMacroF1(), baseline.signMacroF1());
    }

    private static void qualityRow(PrintWriter out, String name, double served, double baseline) {
        String margin = Double.isNaN(served) || Double.isNaN(baseline) ? "-" : String.format("%+.3f", served - baseline);
        out.printf("    %-16s  %6s   %8s   %6s%n", name, metric(served), metric(baseline), margin);
    }

    private static String metric(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.3f", v);
    }

    private static String ms(Histogram h, double percentile) {
        if (h.getTotalCount() == 0) {
            return "-";
        }
        return String.format("%.0f ms", h.getValueAtPercentile(percentile) / 1000.0);
    }
}
