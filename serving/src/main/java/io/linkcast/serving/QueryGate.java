package io.linkcast.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission of on-demand queries (score, node, candidates), so that the stream comes first: at most
 * {@code concurrency} queries compute at once, at most {@code queue} more wait (each at most {@code waitMs}), and
 * past that a query is refused at once (the API answers 503 with Retry-After). On 2 cores one query at a time
 * leaves the other core to the stream thread; without a bound, a busy client took most of the CPU and the stream
 * fell behind (issue 19's figures; docs/results.md, sessions 12 and 13, for the bounded ones).
 */
final class QueryGate {
    private final Semaphore permits;
    private final int queue;
    private final long waitMs;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Counter answered;
    private final Counter refused;
    private final Timer queueWait;

    QueryGate(int concurrency, int queue, long waitMs, MeterRegistry registry) {
        if (concurrency < 1 || queue < 0 || waitMs < 0) {
            throw new IllegalArgumentException("concurrency >= 1, queue >= 0 and waitMs >= 0, got " + concurrency + ", "
                    + queue + ", " + waitMs);
        }
        this.permits = new Semaphore(concurrency, true);
        this.queue = queue;
        this.waitMs = waitMs;
        this.answered = Counter.builder("linkcast_queries").tag("result", "admitted")
                .description("on-demand queries admitted (score, node, candidates)").register(registry);
        this.refused = Counter.builder("linkcast_queries").tag("result", "refused")
                .description("on-demand queries refused with 503: the query gate was full").register(registry);
        this.queueWait = Timer.builder("linkcast_query_wait").description("time an admitted query waited for its turn")
                .register(registry);
        Gauge.builder("linkcast_queries_waiting", waiting, AtomicInteger::get)
                .description("queries waiting for a query slot now").register(registry);
    }

    /** Admitted and refused so far, waiting now, and the admitted queries' mean and longest wait: for /v1/stats. */
    Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("admitted", (long) answered.count());
        f.put("refused", (long) refused.count());
        f.put("waiting", waiting.get());
        f.put("mean_wait_ms", queueWait.count() == 0 ? 0.0 : Math.round(queueWait.mean(TimeUnit.MILLISECONDS) * 100) / 100.0);
        f.put("max_wait_ms", Math.round(queueWait.max(TimeUnit.MILLISECONDS) * 100) / 100.0);
        return f;
    }

    /** Queries waiting for a slot now. */
    int waiting() {
        return waiting.get();
    }

    /** Runs {@code query} when admitted; throws {@link Full} at once when the queue is full or the wait runs out. */
    <T> T run(Query<T> query) throws Exception {
        if (!permits.tryAcquire()) {
            if (waiting.incrementAndGet() > queue) {
                waiting.decrementAndGet();
                refused.increment();
                throw new Full("too many queries in flight: try again shortly");
            }
            long start = System.nanoTime();
            boolean admitted;
            try {
                admitted = permits.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
            } finally {
                waiting.decrementAndGet();
            }
            if (!admitted) {
                refused.increment();
                throw new Full("no query slot within " + waitMs + " ms: try again shortly");
            }
            queueWait.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } else {
            queueWait.record(0, TimeUnit.NANOSECONDS);
        }
        answered.increment();
        try {
            return query.call();
        } finally {
            permits.release();
        }
    }

    /** Counts a query refused elsewhere (a full {@link ScoreWaves} queue, a wait run out there). */
    void refuse() {
        refused.increment();
    }

    /** Counts a query admitted elsewhere after {@code waitedNanos} in its queue. */
    void admitted(long waitedNanos) {
        answered.increment();
        queueWait.record(waitedNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code work} in a turn of its own, waiting as long as it takes: for work whose queries were admitted
     * already (a wave of score requests), so that it shares {@code concurrency} with the other queries.
     */
    <T> T whenTurn(java.util.function.Supplier<T> work) throws InterruptedException {
        permits.acquire();
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    /** Whether some work waits in {@link #whenTurn} now. */
    boolean turnWanted() {
        return permits.hasQueuedThreads();
    }

    /** A query's work. */
    @FunctionalInterface
    interface Query<T> {
        T call() throws Exception;
    }

    /**
     * The gate is full: the caller should retry later. Without a stack trace: under overload it is thrown thousands of
     * times a second, and filling in Jetty's deep stacks was a good part of what a refusal cost.
     */
    static final class Full extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Full(String message) {
            super(message, null, false, false);
        }
    }
}
