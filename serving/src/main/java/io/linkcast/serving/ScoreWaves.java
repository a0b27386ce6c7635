package io.linkcast.serving;

import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Score requests that arrive together are scored together: one worker takes every request waiting (up to
 * {@code maxPairs} pairs) and scores them as one read-only wave, so the fixed cost of a call (reading and decoding the
 * records, a pass of the model) is paid once per wave instead of once per request. A pair's answer does not depend on
 * the other pairs of its wave (the CPU backend is batch-invariant; ScoreWavesTest checks the numbers against one pair
 * at a time). The worker computes under the {@link QueryGate}'s turn, so {@code query.concurrency} still bounds the
 * threads computing queries beside the stream; past {@code query.queue} waiting requests, a request is refused at
 * once, and one that waited longer than {@code query.wait.ms} is refused instead of computed.
 */
final class ScoreWaves implements AutoCloseable {
    private record Pending(List<Query> queries, long enqueuedNanos, CompletableFuture<List<ModelOutput>> answer) {
    }

    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Function<List<Query>, List<ModelOutput>> scorer;
    private final QueryGate gate;
    private final BlockingQueue<Pending> waiting;
    private final int maxPairs;
    private final long waitNanos;
    private final DistributionSummary waveSize;
    private final Thread worker;
    private volatile boolean running = true;

    ScoreWaves(Function<List<Query>, List<ModelOutput>> scorer, QueryGate gate, int queue, long waitMs, int maxPairs,
            MeterRegistry registry) {
        this.scorer = scorer;
        this.gate = gate;
        this.waiting = new ArrayBlockingQueue<>(Math.max(1, queue));
        this.maxPairs = maxPairs;
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMs);
        this.waveSize = DistributionSummary.builder("linkcast_query_wave_pairs")
                .description("pairs scored together in one wave of on-demand score requests").register(registry);
        Gauge.builder("linkcast_score_requests_waiting", waiting, BlockingQueue::size)
                .description("score requests waiting for a wave now").register(registry);
        this.worker = new Thread(this::run, "linkcast-score-waves");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * The outputs for {@code queries}, in order, when their wave is scored: the caller need not hold a thread while it
     * waits. Throws {@link QueryGate.Full} at once when the queue is full; the future fails with it when the request
     * waited too long.
     */
    CompletableFuture<List<ModelOutput>> submit(List<Query> queries) {
        Pending p = new Pending(queries, System.nanoTime(), new CompletableFuture<>());
        if (!waiting.offer(p)) {
            gate.refuse();
            throw new QueryGate.Full("too many score requests waiting: try again shortly");
        }
        return p.answer();
    }

    /** {@link #submit}, waiting for the answer. */
    List<ModelOutput> score(List<Query> queries) throws InterruptedException {
        CompletableFuture<List<ModelOutput>> answer = submit(queries);
        try {
            return answer.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Whether a request would be refused now (its queue is full): checked before a request's body is read. */
    boolean full() {
        return waiting.remainingCapacity() == 0;
    }

    /** Requests waiting for a wave now. */
    int waiting() {
        return waiting.size();
    }

    private void run() {
        List<Pending> wave = new ArrayList<>();
        while (running) {
            try {
                Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                wave.clear();
                int pairs = admit(first, wave, 0);
                for (Pending next = waiting.peek(); next != null && pairs + next.queries().size() <= maxPairs;
                        next = waiting.peek()) {
                    pairs = admit(waiting.poll(), wave, pairs);
                }
                if (!wave.isEmpty()) {
                    answer(wave, pairs);
                }
            } catch (InterruptedException e) {
                wave.forEach(p -> p.answer().completeExceptionally(new QueryGate.Full("shutting down")));
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // the worker lives on: its requests fail, later ones are still scored
                wave.forEach(p -> p.answer().completeExceptionally(e));
            }
        }
    }

    /** Adds {@code p} to the wave, or refuses it if it waited too long; returns the wave's pairs. */
    private int admit(Pending p, List<Pending> wave, int pairs) {
        long waited = System.nanoTime() - p.enqueuedNanos();
        // a wait under a millisecond always passes: with query.wait.ms=0 a request is computed if the worker is free
        if (waited > Math.max(waitNanos, MIN_WAIT_NANOS)) {
            gate.refuse();
            p.answer().completeExceptionally(new QueryGate.Full("no turn to score within "
                    + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms: try again shortly"));
            return pairs;
        }
        gate.admitted(waited);
        wave.add(p);
        return pairs + p.queries().size();
    }

    private void answer(List<Pending> wave, int pairs) throws InterruptedException {
        List<Query> all = new ArrayList<>(pairs);
        wave.forEach(p -> all.addAll(p.queries()));
        waveSize.record(all.size());
        List<ModelOutput> outputs = gate.whenTurn(() -> scorer.apply(all));
        int from = 0;
        for (Pending p : wave) {
            int to = from + p.queries().size();
            p.answer().complete(outputs.subList(from, to));
            from = to;
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending p; (p = waiting.poll()) != null;) {
            p.answer().completeExceptionally(new QueryGate.Full("shutting down"));
        }
    }
}
