package io.linkcast.serving;

import io.linkcast.model.eval.BinaryMetrics;
import io.linkcast.model.eval.SignMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Prequential (live) model quality over a sliding window of the last {@code capacity} events: link AP and
 * ROC-AUC of each event's true pair against its deterministic negative, and sign ROC-AUC and macro-F1 (at
 * threshold 0.5) of P(+) against the events' true signs. All scores come from the state before the event,
 * so this is the test-then-train evaluation of the offline harness, measured on the live stream.
 *
 * <p>The stream thread writes one event at a time into ring buffers of primitives (no allocation per event);
 * HTTP and metrics threads read. A read computes the metrics with the harness's {@link BinaryMetrics} and
 * {@link SignMetrics} (so ties and empty classes behave exactly as offline) and caches them for
 * {@code cacheNanos}, so frequent scrapes cost one computation a second. An event contributes to the link
 * metrics when both its link scores are numbers, and to the sign metrics when it carries a sign and P(+) is
 * a number. Sign AUC and macro-F1 are symmetric in the two classes, so they equal the harness's figures
 * whichever sign is taken as the class of interest (the harness names sign -1).
 */
public final class LiveQuality {
    /** Events in the default window. */
    public static final int DEFAULT_WINDOW = 5_000;
    /** Sign decision threshold: predicted + when P(+) >= 0.5. */
    public static final double SIGN_THRESHOLD = 0.5;
    private static final long DEFAULT_CACHE_NANOS = 1_000_000_000L;

    private final int capacity;
    private final float[] linkPositive;
    private final float[] linkNegative;
    private final float[] pPositive;
    private final byte[] sign;
    private final LongSupplier nanoTime;
    private final long cacheNanos;
    private long written;
    private volatile Cached cached;

    /** A window of {@code capacity} events, metrics cached for one second. */
    public LiveQuality(int capacity) {
        this(capacity, DEFAULT_CACHE_NANOS, System::nanoTime);
    }

    /**
     * @param capacity events in the window, 1 .. 10,000,000
     * @param cacheNanos how long a computed snapshot is served before it is computed again, >= 0
     * @param nanoTime the clock of the cache
     */
    public LiveQuality(int capacity, long cacheNanos, LongSupplier nanoTime) {
        if (capacity < 1 || capacity > 10_000_000) {
            throw new IllegalArgumentException("window must be 1..10,000,000 events, got " + capacity);
        }
        if (cacheNanos < 0) {
            throw new IllegalArgumentException("cacheNanos must be >= 0, got " + cacheNanos);
        }
        this.capacity = capacity;
        this.linkPositive = new float[capacity];
        this.linkNegative = new float[capacity];
        this.pPositive = new float[capacity];
        this.sign = new byte[capacity];
        this.cacheNanos = cacheNanos;
        this.nanoTime = nanoTime;
    }

    /**
     * One event's scores, all from the state before it; the oldest event leaves a full window.
     *
     * @param linkPositive the link score of the true pair (NaN: not predicted)
     * @param linkNegative the link score of its negative (NaN: not predicted)
     * @param sign the event's sign, +1, -1 or 0 (none)
     * @param pPositive predicted P(sign = +) (NaN: not predicted)
     */
    public void record(float linkPositive, float linkNegative, int sign, float pPositive) {
        if (sign < -1 || sign > 1) {
            throw new IllegalArgumentException("sign must be -1, 0 or +1, got " + sign);
        }
        synchronized (this) {
            int slot = (int) (written % capacity);
            this.linkPositive[slot] = linkPositive;
            this.linkNegative[slot] = linkNegative;
            this.sign[slot] = (byte) sign;
            this.pPositive[slot] = pPositive;
            written++;
        }
    }

    public int capacity() {
        return capacity;
    }

    /** The metrics over the current window, recomputed at most once per cache period. */
    public Snapshot snapshot() {
        long now = nanoTime.getAsLong();
        Cached c = cached;
        if (c != null && now - c.atNanos < cacheNanos) {
            return c.snapshot;
        }
        Snapshot s = compute();
        cached = new Cached(s, now);
        return s;
    }

    /**
     * Publishes the window's metrics as gauges tagged {@code predictor=<predictor>} (each read goes through the
     * cache): {@code served} for the served models, {@code baseline} for the baseline yardstick beside them.
     */
    public void bindTo(MeterRegistry registry, String predictor) {
        gauge(registry, predictor, "linkcast_live_link_ap", Snapshot::linkAp,
                "live link average precision: true pairs against their negatives, last window");
        gauge(registry, predictor, "linkcast_live_link_auc", Snapshot::linkAuc,
                "live link ROC-AUC: true pairs against their negatives, last window");
        gauge(registry, predictor, "linkcast_live_sign_auc", Snapshot::signAuc,
                "live sign ROC-AUC of P(+) over the signed events of the last window");
        gauge(registry, predictor, "linkcast_live_sign_macro_f1", Snapshot::signMacroF1,
                "live sign macro-F1 at P(+) >= 0.5 over the signed events of the last window");
        gauge(registry, predictor, "linkcast_live_window_events", Snapshot::windowEvents,
                "events in the live quality window");
    }

    private void gauge(MeterRegistry registry, String predictor, String name, ToDoubleFunction<Snapshot> figure,
            String description) {
        Gauge.builder(name, this, q -> figure.applyAsDouble(q.snapshot())).tag("predictor", predictor)
                .description(description).register(registry);
    }

    private Snapshot compute() {
        float[] lp;
        float[] ln;
        float[] pp;
        byte[] sg;
        int n;
        long total;
        synchronized (this) {
            // copy out so that the metrics are computed without holding up the stream thread
            total = written;
            n = (int) Math.min(written, capacity);
            lp = Arrays.copyOf(linkPositive, n);
            ln = Arrays.copyOf(linkNegative, n);
            pp = Arrays.copyOf(pPositive, n);
            sg = Arrays.copyOf(sign, n);
        }
        int pairs = 0;
        int signed = 0;
        for (int i = 0; i < n; i++) {
            if (!Float.isNaN(lp[i]) && !Float.isNaN(ln[i])) {
                pairs++;
            }
            if (sg[i] != 0 && !Float.isNaN(pp[i])) {
                signed++;
            }
        }
        double[] scores = new double[2 * pairs];
        boolean[] labels = new boolean[2 * pairs];
        double[] p = new double[signed];
        boolean[] positive = new boolean[signed];
        int k = 0;
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (!Float.isNaN(lp[i]) && !Float.isNaN(ln[i])) {
                scores[k] = lp[i];
                labels[k] = true;
                scores[pairs + k] = ln[i];
                k++;
            }
            if (sg[i] != 0 && !Float.isNaN(pp[i])) {
                p[j] = pp[i];
                positive[j] = sg[i] > 0;
                j++;
            }
        }
        double ap = pairs == 0 ? Double.NaN : BinaryMetrics.averagePrecision(scores, labels);
        double auc = pairs == 0 ? Double.NaN : BinaryMetrics.rocAuc(scores, labels);
        double signAuc = signed == 0 ? Double.NaN : SignMetrics.rocAuc(p, positive);
        double macroF1 = signed == 0 ? Double.NaN : SignMetrics.macroF1(p, positive, SIGN_THRESHOLD);
        return new Snapshot(ap, auc, signAuc, macroF1, n, pairs, signed, total);
    }

    /**
     * The metrics of one window; NaN where the window holds nothing to measure (no scored pair, no signed
     * event, or a single sign class for the AUC).
     *
     * @param linkAp link average precision
     * @param linkAuc link ROC-AUC
     * @param signAuc sign ROC-AUC
     * @param signMacroF1 sign macro-F1 at threshold 0.5
     * @param windowEvents events in the window
     * @param linkPairs events of the window that count for the link metrics
     * @param signedEvents events of the window that count for the sign metrics
     * @param totalEvents events recorded since the start
     */
    public record Snapshot(double linkAp, double linkAuc, double signAuc, double signMacroF1, int windowEvents,
            int linkPairs, int signedEvents, long totalEvents) {
        public Snapshot {
            if (windowEvents < 0 || linkPairs < 0 || signedEvents < 0 || linkPairs > windowEvents
                    || signedEvents > windowEvents || totalEvents < windowEvents) {
                throw new IllegalArgumentException("inconsistent counts: window " + windowEvents + ", pairs "
                        + linkPairs + ", signed " + signedEvents + ", total " + totalEvents);
            }
        }
    }

    private record Cached(Snapshot snapshot, long atNanos) {
    }
}
