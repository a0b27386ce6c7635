package io.linkcast.serving;

import io.linkcast.ingest.DatasetReader;
import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.ReplayRate;
import io.linkcast.serving.topology.Prediction;
import io.linkcast.serving.topology.PredictionJson;
import io.linkcast.serving.topology.TopologySettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What partitioning node state costs (issue 13): a dataset streamed through the service, from a backlog on the
 * embedded broker, once per partition count (and stream-thread count), every prediction compared with the first
 * setup's. The input topic has one partition in every run, so the stream order is the dataset's everywhere and what
 * differs is the owner chain's staleness alone.
 */
@Command(name = "scaleout", mixinStandardHelpOptions = true,
        description = "Quality and cost of partitioned node state: a dataset through the service at each --partitions "
                + "and --threads, live link AP and sign AUC over the whole stream, and every prediction against the first setup's.")
final class ScaleOutCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions options = new ServiceOptions();

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "dataset to stream (any format eval reads)")
    Path data;

    @Option(names = "--partitions", split = ",", defaultValue = "1,2,4,8",
            description = "partition counts, the first being the reference (default ${DEFAULT-VALUE})")
    List<Integer> partitions;

    @Option(names = "--threads", split = ",", defaultValue = "1", description = "stream-thread counts (default ${DEFAULT-VALUE})")
    List<Integer> threads;

    @Option(names = "--events", defaultValue = "0", description = "stream only the first N events (0: all)")
    int limit;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", defaultValue = "max",
            description = "produce at this rate while the service runs; max (default): the whole stream as a backlog first")
    String rate;

    @Spec
    CommandSpec spec;

    /** One setup's figures and predictions (aligned with the stream). */
    record Run(int partitions, int threads, double eventsPerSecond, double cpuMicrosPerEvent, LiveQuality.Snapshot quality,
            float[] pLink, float[] pPositive, double skew, double chainBytesPerEvent) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Interaction> events = new DatasetReader().read(data).events();
        if (limit > 0 && limit < events.size()) {
            events = events.subList(0, limit);
        }
        ServiceConfig base = options.load();
        TemporaryStateDir.deleteIfTemporary(base.stateDir());
        List<Run> runs = new ArrayList<>();
        try (ServedModels models = options.loadModels(base)) {
            for (int p : partitions) {
                for (int t : threads) {
                    Run r = runOnce(base, models, events, p, t);
                    runs.add(r);
                    out.printf("%d partitions, %d threads: %,.0f events/s, %.0f µs CPU/event, link AP %.4f, sign AUC %.4f%n",
                            p, t, r.eventsPerSecond(), r.cpuMicrosPerEvent(), r.quality().linkAp(), r.quality().signAuc());
                    out.flush();
                }
            }
        }
        Run ref = runs.get(0);
        out.println();
        out.println("| partitions | stream threads | events/s | CPU µs/event (whole process) | live link AP | live sign AUC"
                + " | mean abs. change of p_link | events whose p_link changed | mean abs. change of p_positive"
                + " | skew (busiest / mean partition) | chain bytes/event on disk |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Run r : runs) {
            out.printf("| %d | %d | %,.0f | %.0f | %.4f | %.4f | %.5f | %.1f %% | %.5f | %.2f | %.0f |%n", r.partitions(),
                    r.threads(), r.eventsPerSecond(), r.cpuMicrosPerEvent(), r.quality().linkAp(), r.quality().signAuc(),
                    meanAbsChange(ref.pLink(), r.pLink()), 100 * changedShare(ref.pLink(), r.pLink()),
                    meanAbsChange(ref.pPositive(), r.pPositive()), r.skew(), r.chainBytesPerEvent());
        }
        out.printf("(%s, %,d events %s on a one-partition input; live figures over the whole stream;"
                + " changes against the first row; batch.max %d, commit.interval.ms %d)%n", data.getFileName(),
                events.size(), rate.equals("max") ? "from a backlog" : "produced at " + rate + " events/s",
                base.topology().maxBatch(), base.commitIntervalMs());
        out.flush();
        return 0;
    }

    private Run runOnce(ServiceConfig base, ServedModels models, List<Interaction> events, int p, int t) throws Exception {
        Path dir = Files.createTempDirectory("linkcast-scaleout");
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"))) {
            ServiceConfig c = new ServiceConfig(broker.bootstrapServers(), base.applicationId(), dir,
                    base.topology().withPartitions(p), t, base.standbyReplicas(), base.httpHost(), 0, base.exactlyOnce(), base.commitIntervalMs(),
                    base.modelBackend(), base.httpAccess(), base.queryLimits(), Math.max(1, events.size()), null, Map.of());
            String input = c.topology().interactionsTopic();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(input, Optional.of(1), Optional.empty()))).all()
                        .get(30, TimeUnit.SECONDS);
            }
            ReplayRate pace = ReplayRate.parse(rate);
            if (pace.equals(ReplayRate.MAX)) {
                feed(c, events, pace);
            }
            int n = events.size();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (LinkcastService<?> service = new LinkcastService<>(c, models.handle(), registry)) {
                service.start(Duration.ofSeconds(60));
                DemoFeed live = null;
                if (!pace.equals(ReplayRate.MAX)) {
                    live = new DemoFeed(c.bootstrapServers(), input, events.iterator(), pace);
                    live.start();
                }
                StreamMetrics m = service.metrics();
                // the rate is timed after the first fifth, as the bench times it: start-up is not throughput
                while (m.predictedTotal() < n * BenchCommand.STARTUP_FRACTION) {
                    Thread.sleep(5);
                }
                long from = System.nanoTime();
                long cpuFrom = BenchCommand.processCpuNanos();
                long predictedFrom = m.predictedTotal();
                while (m.predictedTotal() < n) {
                    Thread.sleep(5);
                }
                double seconds = (System.nanoTime() - from) / 1e9;
                long timed = n - predictedFrom;
                double cpu = (BenchCommand.processCpuNanos() - cpuFrom) / 1e3 / timed;
                float[] pLink = new float[n];
                float[] pPositive = new float[n];
                readPredictions(c, n, pLink, pPositive);
                if (live != null) {
                    live.close();
                }
                return new Run(p, t, timed / seconds, cpu, m.liveQuality().snapshot(), pLink, pPositive,
                        skew(m.partitions()), chainBytes(c) / n);
            }
        } finally {
            TemporaryStateDir.delete(dir);
        }
    }

    private static void feed(ServiceConfig c, List<Interaction> events, ReplayRate pace) throws Exception {
        try (DemoFeed backlog = new DemoFeed(c.bootstrapServers(), c.topology().interactionsTopic(), events.iterator(),
                pace)) {
            backlog.start();
            while (!backlog.done()) {
                Thread.sleep(20);
            }
        }
    }

    /** The committed predictions, by their event's offset in the one-partition input. */
    private static void readPredictions(ServiceConfig c, int n, float[] pLink, float[] pPositive) {
        Arrays.fill(pLink, Float.NaN);
        Arrays.fill(pPositive, Float.NaN);
        int seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            String topic = c.topology().predictionsTopic();
            List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (seen < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Prediction p = PredictionJson.decode(r.value());
                    pLink[(int) p.offset()] = p.pLink();
                    pPositive[(int) p.offset()] = p.pPositive();
                    seen++;
                }
            }
        }
        if (seen != n) {
            throw new IllegalStateException("expected " + n + " committed predictions, read " + seen);
        }
    }

    /** The busiest partition's predictions over the mean partition's (1: even; NaN: sequential). */
    static double skew(Map<Integer, long[]> partitions) {
        if (partitions.isEmpty()) {
            return Double.NaN;
        }
        long max = 0;
        long sum = 0;
        for (long[] v : partitions.values()) {
            max = Math.max(max, v[0]);
            sum += v[0];
        }
        return sum == 0 ? Double.NaN : (double) max * partitions.size() / sum;
    }

    /** Bytes the chain topics hold on the broker's disk (lz4-compressed batches); 0 sequential. */
    private static double chainBytes(ServiceConfig c) throws Exception {
        TopologySettings t = c.topology();
        if (!t.partitioned()) {
            return 0;
        }
        List<String> chain = List.of(t.bySourceTopic(), t.asksTopic(), t.answersTopic());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers()))) {
            List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
                    .map(org.apache.kafka.common.Node::id).toList();
            long bytes = 0;
            for (var dirs : admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values()) {
                for (var dir : dirs.values()) {
                    for (var e : dir.replicaInfos().entrySet()) {
                        if (chain.contains(e.getKey().topic())) {
                            bytes += e.getValue().size();
                        }
                    }
                }
            }
            return bytes;
        }
    }

    static double meanAbsChange(float[] ref, float[] x) {
        double sum = 0;
        int k = 0;
        for (int i = 0; i < ref.length; i++) {
            if (!Float.isNaN(ref[i]) && !Float.isNaN(x[i])) {
                sum += Math.abs(ref[i] - x[i]);
                k++;
            }
        }
        return k == 0 ? Double.NaN : sum / k;
    }

    static double changedShare(float[] ref, float[] x) {
        int changed = 0;
        int k = 0;
        for (int i = 0; i < ref.length; i++) {
            if (!Float.isNaN(ref[i]) && !Float.isNaN(x[i])) {
                changed += Math.abs(ref[i] - x[i]) > 1e-6 ? 1 : 0;
                k++;
            }
        }
        return k == 0 ? Double.NaN : (double) changed / k;
    }
}
