package io.linkcast.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission of on-demand queries (score, node, candidates), so that the stream comes first: at most
 * {@code concurrency} queries compute at once, at most {@code queue} more wait (each at most {@code waitMs}), and
 * past that a query is refused at once (the API answers 503 with Retry-After). On 2 cores one query at a time
 * leaves the other core to the stream thread; without a bound, a busy client took most of the CPU and the stream
 * fell behind (issue 19's figures; docs/results.md, sessions 12 and 13, for the bounded ones). Queries run on the
 * gate's own threads ({@link #submit}) and score waves in its turns ({@link #whenTurn}): no query waits on an HTTP
 * thread, so the server's few threads stay free to answer, and refuse, the others.
 */
final class QueryGate implements AutoCloseable {
    private final Semaphore permits;
    private final int concurrency;
    private final AtomicInteger busy = new AtomicInteger();
    private final long waitMs;
    private final ThreadPoolExecutor runners;
    private final Counter answered;
    private final Counter refused;
    private final Timer queueWait;

    QueryGate(int concurrency, int queue, long waitMs, MeterRegistry registry) {
        if (concurrency < 1 || queue < 0 || waitMs < 0) {
            throw new IllegalArgumentException("concurrency >= 1, queue >= 0 and waitMs >= 0, got " + concurrency + ", "
                    + queue + ", " + waitMs);
        }
        this.permits = new Semaphore(concurrency, true);
        this.concurrency = concurrency;
        this.waitMs = waitMs;
        AtomicInteger threads = new AtomicInteger();
        // as many runners as turns: a query waits in the queue, not in a thread (a queue of at least one, as the
        // score waves have: a query that arrives just as the runner finishes the last one is not refused)
        this.runners = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queue)), r -> {
                    Thread t = new Thread(r, "linkcast-query-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.answered = Counter.builder("linkcast_queries").tag("result", "admitted")
                .description("on-demand queries admitted (score, node, candidates)").register(registry);
        this.refused = Counter.builder("linkcast_queries").tag("result", "refused")
                .description("on-demand queries refused with 503: the query gate was full").register(registry);
        this.queueWait = Timer.builder("linkcast_query_wait").description("time an admitted query waited for its turn")
                .register(registry);
        Gauge.builder("linkcast_queries_waiting", runners, r -> r.getQueue().size())
                .description("queries waiting for a query slot now").register(registry);
    }

    /** Admitted and refused so far, waiting now, and the admitted queries' mean and longest wait: for /v1/stats. */
    Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("admitted", (long) answered.count());
        f.put("refused", (long) refused.count());
        f.put("waiting", waiting());
        f.put("mean_wait_ms", queueWait.count() == 0 ? 0.0 : Math.round(queueWait.mean(TimeUnit.MILLISECONDS) * 100) / 100.0);
        f.put("max_wait_ms", Math.round(queueWait.max(TimeUnit.MILLISECONDS) * 100) / 100.0);
        return f;
    }

    /** Queries waiting for a slot now. */
    int waiting() {
        return runners.getQueue().size();
    }

    /**
     * Runs {@code query} on one of the gate's own threads when its turn comes, without holding the caller's (an HTTP
     * thread). Throws {@link Full} at once when {@code queue} queries already wait; the future fails with it when the
     * query is still waiting behind others after {@code waitMs}, at that moment. Complete the answer's dependants on a
     * thread of your own ({@code thenApplyAsync}): the runner completes it.
     */
    <T> CompletableFuture<T> submit(Query<T> query) {
        Task<T> task = new Task<>(query, System.nanoTime());
        try {
            runners.execute(task);
        } catch (RejectedExecutionException e) {
            refused.increment();
            throw new Full("too many queries in flight: try again shortly");
        }
        // a wait under a millisecond always passes, and so does one that waited for a free runner to start, not for a
        // turn: a short query.wait.ms must not depend on how quickly the machine schedules a thread
        CompletableFuture.delayedExecutor(Math.max(1, waitMs), TimeUnit.MILLISECONDS).execute(() -> {
            if (busy.get() >= concurrency && task.claim()) {
                runners.remove(task);
                refused.increment();
                task.answer.completeExceptionally(new Full("no query slot within " + waitMs + " ms: try again shortly"));
            }
        });
        return task.answer;
    }

    /** A query in the runners' queue: whoever claims it first (its runner, or its wait's timeout) decides its fate. */
    private final class Task<T> implements Runnable {
        final Query<T> query;
        final long enqueued;
        final CompletableFuture<T> answer = new CompletableFuture<>();
        private final AtomicBoolean claimed = new AtomicBoolean();

        Task(Query<T> query, long enqueued) {
            this.query = query;
            this.enqueued = enqueued;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        @Override
        public void run() {
            if (!claim()) {
                return;
            }
            admitted(System.nanoTime() - enqueued);
            busy.incrementAndGet();
            T result = null;
            Throwable failure = null;
            try {
                result = whenTurn(() -> {
                    try {
                        return query.call();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                });
            } catch (Throwable e) {
                failure = e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e;
            } finally {
                // counted free before the answer goes out, so that the caller's next query finds the runner free
                busy.decrementAndGet();
            }
            if (failure == null) {
                answer.complete(result);
            } else {
                answer.completeExceptionally(failure);
            }
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

    /** Stops the runners; a query that had not started is refused, so that no caller waits forever. */
    @Override
    public void close() {
        for (Runnable r : runners.shutdownNow()) {
            if (r instanceof Task<?> t && t.claim()) {
                t.answer.completeExceptionally(new Full("shutting down"));
            }
        }
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
