package io.linkcast.serving;

import io.linkcast.ingest.RejectReason;
import io.linkcast.serving.topology.StreamListener;
import io.linkcast.state.NodeCacheReads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The stream's counters and histograms, published on {@code /metrics}: events in, predictions out,
 * dead-lettered by reason, processing latency, batch sizes and engine time per batch, and the live model
 * quality of the last events ({@link LiveQuality}).
 */
public final class StreamMetrics implements StreamListener {
    /** Latencies above an hour are recorded as an hour in the interval histogram. */
    private static final long MAX_INTERVAL_LATENCY_MICROS = 3_600_000_000L;
    private final Counter accepted;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Counter predictions;
    private final Timer latency;
    private final DistributionSummary batchSize;
    private final DistributionSummary batchWaves;
    private final Timer batchTime;
    private final Map<NodeCacheReads.Reader, Counter> cacheHits = new EnumMap<>(NodeCacheReads.Reader.class);
    private final Map<NodeCacheReads.Reader, Counter> cacheMisses = new EnumMap<>(NodeCacheReads.Reader.class);
    private volatile double latestEventTime = Double.NaN;
    private final MeterRegistry registry;
    private final Map<Integer, PartitionGauges> partitions = new ConcurrentHashMap<>();
    // interval percentiles for the stats timeline (Micrometer's histogram is cumulative); microseconds
    private final Recorder intervalLatency = new Recorder(2);
    private final LiveQuality quality;
    private final LiveQuality baselineQuality;

    public StreamMetrics(MeterRegistry registry) {
        this(registry, new LiveQuality(LiveQuality.DEFAULT_WINDOW), new LiveQuality(LiveQuality.DEFAULT_WINDOW));
    }

    /**
     * @param quality the served models' live quality
     * @param baselineQuality the baseline yardstick's, over the same events and negatives (empty without one)
     */
    public StreamMetrics(MeterRegistry registry, LiveQuality quality, LiveQuality baselineQuality) {
        this.registry = registry;
        this.quality = quality;
        this.baselineQuality = baselineQuality;
        quality.bindTo(registry, "served");
        baselineQuality.bindTo(registry, "baseline");
        accepted = Counter.builder("linkcast_events_accepted").description("events accepted into the engine")
                .register(registry);
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, Counter.builder("linkcast_events_dead_lettered").tag("reason", r.label())
                    .description("records sent to the dead-letter topic").register(registry));
        }
        predictions = Counter.builder("linkcast_predictions").description("predictions published")
                .register(registry);
        latency = Timer.builder("linkcast_processing_latency")
                .description("time from the input record's timestamp to its prediction")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        batchSize = DistributionSummary.builder("linkcast_batch_events").description("events per micro-batch")
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(100_000.0)
                .register(registry);
        batchWaves = DistributionSummary.builder("linkcast_batch_waves").description("waves per micro-batch")
                .register(registry);
        batchTime = Timer.builder("linkcast_batch_engine_time").description("engine time per micro-batch")
                .register(registry);
        // one series per reader: the stream's batches and the queries read through the same cache
        for (NodeCacheReads.Reader r : NodeCacheReads.Reader.values()) {
            cacheHits.put(r, Counter.builder("linkcast_state_cache_reads").tag("reader", r.label()).tag("result", "hit")
                    .description("node-state reads answered by the decoded-state cache").register(registry));
            cacheMisses.put(r, Counter.builder("linkcast_state_cache_reads").tag("reader", r.label())
                    .tag("result", "miss").description("node-state reads that went to RocksDB").register(registry));
            // per reader: the stream's ratio is the one that sizes state.cache.nodes, and queries of nodes the
            // stream does not keep would lower a mixed one however well the cache serves the stream
            Gauge.builder("linkcast_state_cache_hit_ratio", this, m -> m.cacheHitRatio(r)).tag("reader", r.label())
                    .description("share of this reader's node-state reads answered by the decoded-state cache (NaN "
                            + "before its first read)")
                    .register(registry);
        }
    }

    @Override
    public void stateCacheReads(NodeCacheReads.Reader reader, int hits, int misses) {
        cacheHits.get(reader).increment(hits);
        cacheMisses.get(reader).increment(misses);
    }

    /** Hits over {@code reader}'s reads of the decoded-state cache so far, NaN before its first. */
    public double cacheHitRatio(NodeCacheReads.Reader reader) {
        double h = cacheHits.get(reader).count();
        double total = h + cacheMisses.get(reader).count();
        return total == 0 ? Double.NaN : h / total;
    }

    @Override
    public void accepted() {
        accepted.increment();
    }

    @Override
    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    @Override
    public void batch(int events, int waves, long nanos) {
        batchSize.record(events);
        batchWaves.record(waves);
        batchTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void predicted(double latencyMs) {
        predictions.increment();
        latency.record((long) (latencyMs * 1_000_000L), TimeUnit.NANOSECONDS);
        intervalLatency.recordValue(Math.max(0, Math.min(MAX_INTERVAL_LATENCY_MICROS, (long) (latencyMs * 1000))));
    }

    @Override
    public void quality(float linkPositive, float linkNegative, int sign, float pPositive) {
        quality.record(linkPositive, linkNegative, sign, pPositive);
    }

    @Override
    public void baselineQuality(float linkPositive, float linkNegative, int sign, float pPositive) {
        baselineQuality.record(linkPositive, linkNegative, sign, pPositive);
    }

    /** A partition's chain, as last reported; its meters are registered when it first reports. */
    private static final class PartitionGauges {
        final Counter predictions;
        final AtomicLong inFlight = new AtomicLong();
        final AtomicLong waiting = new AtomicLong();

        PartitionGauges(MeterRegistry registry, int partition) {
            String p = Integer.toString(partition);
            predictions = Counter.builder("linkcast_partition_predictions").tag("partition", p)
                    .description("predictions published by this partition's owner chain (this instance's tasks)")
                    .register(registry);
            Gauge.builder("linkcast_partition_in_flight", inFlight, AtomicLong::get).tag("partition", p)
                    .description("events read by this partition whose answers have not come back").register(registry);
            Gauge.builder("linkcast_partition_waiting", waiting, AtomicLong::get).tag("partition", p)
                    .description("events of this partition waiting for its chain.window").register(registry);
        }
    }

    @Override
    public void partition(int partition, int predicted, long inFlight, int waiting) {
        PartitionGauges g = partitions.computeIfAbsent(partition, p -> new PartitionGauges(registry, p));
        g.predictions.increment(predicted);
        g.inFlight.set(inFlight);
        g.waiting.set(waiting);
    }

    /** Per partition of this instance's chain: predictions so far, in flight and waiting now. */
    public Map<Integer, long[]> partitions() {
        Map<Integer, long[]> out = new java.util.TreeMap<>();
        partitions.forEach((p, g) -> out.put(p, new long[] {(long) g.predictions.count(), g.inFlight.get(),
                g.waiting.get()}));
        return out;
    }

    /** The served models' live quality. */
    public LiveQuality liveQuality() {
        return quality;
    }

    /** The baseline yardstick's live quality over the same events; empty when no baseline runs beside the models. */
    public LiveQuality baselineQuality() {
        return baselineQuality;
    }

    /**
     * Processing latencies (microseconds) recorded since the previous call, for interval percentiles; one
     * reader only (the stats timeline), since each call resets the interval.
     */
    public Histogram takeIntervalLatency() {
        return intervalLatency.getIntervalHistogram();
    }

    /**
     * The stream's "now" becomes the newest time of the latest batch, not the newest ever seen: one event with an
     * absurd time (t = 1e308 is a valid number) then moves the default query time for one batch, not for good.
     */
    @Override
    public void eventTime(double maxEventTime) {
        latestEventTime = maxEventTime;
    }

    /** The newest event time of the latest batch processed, NaN before the first batch. */
    public double latestEventTime() {
        return latestEventTime;
    }

    public long acceptedTotal() {
        return (long) accepted.count();
    }

    public long deadLetteredTotal() {
        return (long) rejected.values().stream().mapToDouble(Counter::count).sum();
    }

    public long predictedTotal() {
        return (long) predictions.count();
    }

    public double meanBatchSize() {
        return batchSize.mean();
    }
}
