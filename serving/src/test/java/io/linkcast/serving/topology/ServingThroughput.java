package io.linkcast.serving.topology;

import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.InteractionJson;
import io.linkcast.ingest.SyntheticConfig;
import io.linkcast.ingest.SyntheticStream;
import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.model.engine.CompositeModel;
import io.linkcast.model.engine.CompositeState;
import io.linkcast.model.engine.ModelHandle;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.engine.ModelLoaders;
import io.linkcast.state.LinkcastRocksDbConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The stream thread's work without a broker: served models behind the production topology (RocksDB store,
 * live negatives, JSON in and out) fed the benchmark's synthetic stream in micro-batches. Prints events/s per
 * block of events, so a change to the models' or the engine's code can be compared in seconds. Not a test.
 *
 * <pre>
 * java -cp ... io.linkcast.serving.topology.ServingThroughput EVENTS BATCH MODEL_DIR...
 * </pre>
 */
public final class ServingThroughput {
    private ServingThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args[0]);
        int batch = Integer.parseInt(args[1]);
        List<StreamModel<?>> models = new ArrayList<>();
        ModelLoaders loaders = ModelLoaders.discover();
        for (int i = 2; i < args.length; i++) {
            models.add(loaders.load(Path.of(args[i])));
        }
        TopologySettings d = TopologySettings.defaults();
        TopologySettings settings = new TopologySettings(d.interactionsTopic(), d.deadLetterTopic(),
                d.predictionsTopic(), batch, 60_000, d.maxRecordBytes(), d.liveQuality(), d.liveBaseline(),
                Integer.getInteger("stateCacheNodes", d.stateCacheNodes()), 1, 0);
        long[] batches = new long[2];
        StreamListener listener = new StreamListener() {
            @Override
            public void batch(int n, int waves, long nanos) {
                batches[0]++;
                batches[1] += waves;
            }
        };
        Path stateDir = Files.createTempDirectory("throughput");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "linkcast-throughput");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // as the service sets them (LinkcastService)
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L * 1024 * 1024);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, LinkcastRocksDbConfig.class);
        p.put(LinkcastRocksDbConfig.BLOCK_CACHE_BYTES_CONFIG,
                Long.getLong("blockCache", LinkcastRocksDbConfig.DEFAULT_BLOCK_CACHE_BYTES));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Iterator<Interaction> source = new SyntheticStream(SyntheticConfig.defaults(20_000, Long.MAX_VALUE, 7))
                .iterator();
        // -Dparallel=false steps the models in turn, for a comparison in one build
        ModelHandle<CompositeState> handle = new ModelHandle<>(new CompositeModel(models,
                Boolean.parseBoolean(System.getProperty("parallel", "true"))));
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // -Dyardstick=true runs the baseline beside the models, as the service does by default (quality.baseline)
        Optional<StreamModel<?>> yardstick = Boolean.getBoolean("yardstick")
                ? Optional.of(new BaselineModel(BaselineConfig.defaults())) : Optional.empty();
        try (TopologyTestDriver driver = new TopologyTestDriver(LinkcastTopology.build(settings, handle, yardstick,
                listener), p, t0)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(settings.interactionsTopic(),
                    new ByteArraySerializer(), new ByteArraySerializer(), t0, Duration.ofMillis(1));
            TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic(settings.predictionsTopic(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            byte[] key = "k".getBytes(StandardCharsets.UTF_8);
            Map<String, TestOutputTopic<byte[], byte[]>> changelogs = new HashMap<>();
            int block = 5_000;
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long start = System.nanoTime();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long processStart = os.getProcessCpuTime();
            List<Double> cpuPerEvent = new ArrayList<>();
            List<Double> processPerEvent = new ArrayList<>();
            long outputs = 0;
            List<Double> rates = new ArrayList<>();
            for (int i = 1; i <= events; i++) {
                in.pipeInput(key, InteractionJson.encode(source.next()));
                if (i % batch == 0) {
                    outputs += out.readValuesToList().size();
                }
                if (i % block == 0) {
                    drainChangelogs(driver, settings, changelogs);
                    long now = System.nanoTime();
                    long cpuNow = cpu.getCurrentThreadCpuTime();
                    long processNow = os.getProcessCpuTime();
                    double rate = block / ((now - start) / 1e9);
                    double micros = (cpuNow - cpuStart) / 1e3 / block;
                    double processMicros = (processNow - processStart) / 1e3 / block;
                    rates.add(rate);
                    cpuPerEvent.add(micros);
                    processPerEvent.add(processMicros);
                    System.out.printf("%,d events: %,.0f events/s, %.0f µs CPU per event on the stream thread, %.0f in"
                            + " the process (%.1f waves per batch)%n", i, rate, micros, processMicros,
                            batches[1] / (double) Math.max(1, batches[0]));
                    start = now;
                    cpuStart = cpuNow;
                    processStart = processNow;
                }
            }
            List<Double> warm = new ArrayList<>(rates.subList(rates.size() / 2, rates.size()));
            warm.sort(null);
            List<Double> warmCpu = new ArrayList<>(cpuPerEvent.subList(cpuPerEvent.size() / 2, cpuPerEvent.size()));
            warmCpu.sort(null);
            List<Double> warmProcess = new ArrayList<>(
                    processPerEvent.subList(processPerEvent.size() / 2, processPerEvent.size()));
            warmProcess.sort(null);
            System.out.printf("median of the last half: %,.0f events/s, %.0f µs CPU per event on the stream thread,"
                    + " %.0f in the process; %,d predictions%n", warm.get(warm.size() / 2),
                    warmCpu.get(warmCpu.size() / 2), warmProcess.get(warmProcess.size() / 2), outputs);
        }
    }

    /**
     * The driver keeps every record the topology produces until a test reads it, changelog writes included
     * (several KB per event): without this, a long run measures a heap full of them.
     */
    private static void drainChangelogs(TopologyTestDriver driver, TopologySettings settings,
            Map<String, TestOutputTopic<byte[], byte[]>> changelogs) {
        for (String topic : driver.producedTopicNames()) {
            if (!topic.equals(settings.predictionsTopic())) {
                changelogs.computeIfAbsent(topic, t -> driver.createOutputTopic(t, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())).readValuesToList();
            }
        }
    }
}
