package io.linkcast.serving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent history of the stream for the dashboard: one {@link Sample} a second (rates over the second,
 * latency percentiles of the second, consumer lag and the live quality), the last {@code capacity} kept.
 * {@link #start()} runs the sampling on a daemon thread; {@link #sample()} takes one sample now (tests
 * drive it with their own clock).
 */
public final class StatsTimeline implements AutoCloseable {
    /** Ten minutes of one-second samples. */
    public static final int DEFAULT_CAPACITY = 600;
    private static final Logger LOG = LoggerFactory.getLogger(StatsTimeline.class);

    private final StreamMetrics metrics;
    private final LongSupplier consumerLag;
    private final LongSupplier clockMillis;
    private final int capacity;
    private final ArrayDeque<Sample> samples;
    private final long startMillis;
    private long lastMillis;
    private long lastPredicted;
    private long lastAccepted;
    private long lastDeadLettered;
    private ScheduledExecutorService scheduler;

    /** Ten minutes of samples on the system clock. */
    public StatsTimeline(StreamMetrics metrics, LongSupplier consumerLag) {
        this(metrics, consumerLag, System::currentTimeMillis, DEFAULT_CAPACITY);
    }

    /**
     * @param metrics the stream's counters, latency recorder and live quality
     * @param consumerLag records the stream's consumer is behind, or a negative number when unknown
     * @param clockMillis wall clock, milliseconds since the epoch
     * @param capacity samples kept, 1 .. 86,400
     */
    public StatsTimeline(StreamMetrics metrics, LongSupplier consumerLag, LongSupplier clockMillis, int capacity) {
        if (capacity < 1 || capacity > 86_400) {
            throw new IllegalArgumentException("capacity must be 1..86,400 samples, got " + capacity);
        }
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.consumerLag = Objects.requireNonNull(consumerLag, "consumerLag");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.capacity = capacity;
        this.samples = new ArrayDeque<>(capacity);
        this.startMillis = clockMillis.getAsLong();
        this.lastMillis = startMillis;
        this.lastPredicted = metrics.predictedTotal();
        this.lastAccepted = metrics.acceptedTotal();
        this.lastDeadLettered = metrics.deadLetteredTotal();
        // the first interval starts now: latencies recorded before belong to no sample
        metrics.takeIntervalLatency();
    }

    /** Samples once a second on a daemon thread until {@link #close()}. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("the stats timeline is already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "linkcast-stats-timeline");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(() -> {
            try {
                sample();
            } catch (RuntimeException e) {
                // a failed sample must not stop the timeline (a scheduled task that throws is never run again)
                LOG.warn("stats sample failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Takes one sample covering the time since the previous one, and returns it. */
    public synchronized Sample sample() {
        long now = clockMillis.getAsLong();
        long predicted = metrics.predictedTotal();
        long accepted = metrics.acceptedTotal();
        long deadLettered = metrics.deadLetteredTotal();
        Histogram latency = metrics.takeIntervalLatency();
        double seconds = Math.max(1, now - lastMillis) / 1000.0;
        boolean anyLatency = latency.getTotalCount() > 0;
        LiveQuality.Snapshot q = metrics.liveQuality().snapshot();
        LiveQuality.Snapshot b = metrics.baselineQuality().snapshot();
        long lag = consumerLag.getAsLong();
        Sample s = new Sample(now, (predicted - lastPredicted) / seconds, (accepted - lastAccepted) / seconds,
                (deadLettered - lastDeadLettered) / seconds,
                anyLatency ? latency.getValueAtPercentile(50) / 1000.0 : Double.NaN,
                anyLatency ? latency.getValueAtPercentile(99) / 1000.0 : Double.NaN,
                lag < 0 ? -1 : lag, q.linkAp(), q.linkAuc(), q.signAuc(), q.signMacroF1(), q.windowEvents(),
                b.linkAp(), b.signAuc());
        lastMillis = now;
        lastPredicted = predicted;
        lastAccepted = accepted;
        lastDeadLettered = deadLettered;
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(s);
        return s;
    }

    /** The kept samples, oldest first. */
    public synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    /** When the timeline started, milliseconds since the epoch. */
    public long startMillis() {
        return startMillis;
    }

    public int capacity() {
        return capacity;
    }

    public StreamMetrics metrics() {
        return metrics;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                // let a sample in flight finish before its sources (the lag's admin client) are closed
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    /**
     * One second of the stream; NaN where there was nothing to measure.
     *
     * @param t end of the second, milliseconds since the epoch
     * @param eventsPerS predictions published per second
     * @param acceptedPerS events accepted per second
     * @param deadLetteredPerS records dead-lettered per second
     * @param p50Ms median processing latency of the second's predictions, milliseconds
     * @param p99Ms 99th percentile of the same
     * @param lag records the consumer is behind the end of the input, -1 when unknown
     * @param linkAp live link AP over the quality window
     * @param linkAuc live link ROC-AUC
     * @param signAuc live sign ROC-AUC
     * @param signMacroF1 live sign macro-F1
     * @param windowEvents events in the quality window
     * @param baselineLinkAp the baseline yardstick's live link AP over the same events (NaN without one)
     * @param baselineSignAuc the baseline yardstick's live sign ROC-AUC (NaN without one)
     */
    public record Sample(long t, double eventsPerS, double acceptedPerS, double deadLetteredPerS, double p50Ms,
            double p99Ms, long lag, double linkAp, double linkAuc, double signAuc, double signMacroF1,
            int windowEvents, double baselineLinkAp, double baselineSignAuc) {
        public Sample {
            if (lag < -1) {
                throw new IllegalArgumentException("lag must be >= 0 or -1 (unknown), got " + lag);
            }
            if (windowEvents < 0) {
                throw new IllegalArgumentException("windowEvents must be >= 0, got " + windowEvents);
            }
        }
    }
}
