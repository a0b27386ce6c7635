package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueryGateTest {

    @Test
    void shouldAdmitUpToTheConcurrencyQueueTheNextAndRefuseTheRestAtOnce() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // a wait long enough that only the events below decide, never the clock
        QueryGate gate = new QueryGate(1, 1, 60_000, registry);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> run(gate, () -> {
                inside.countDown();
                release.await();
                return "first";
            }));
            inside.await();
            Future<String> second = pool.submit(() -> run(gate, () -> "second"));
            // the second waits in the queue; a third finds the queue full and is refused without waiting
            while (gate.waiting() == 0) {
                Thread.onSpinWait();
            }
            assertThatThrownBy(() -> run(gate, () -> "third")).isInstanceOf(QueryGate.Full.class)
                    .hasMessageContaining("too many queries");
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
            assertThat(registry.get("linkcast_queries").tag("result", "admitted").counter().count()).isEqualTo(2);
            assertThat(registry.get("linkcast_queries").tag("result", "refused").counter().count()).isEqualTo(1);
            assertThat(registry.get("linkcast_query_wait").timer().count()).isEqualTo(2);
            // what /v1/stats and the dashboard show
            assertThat(gate.figures()).containsEntry("admitted", 2L).containsEntry("refused", 1L)
                    .containsEntry("waiting", 0);
            assertThat((double) gate.figures().get("max_wait_ms")).isPositive();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseWhenTheWaitRunsOutAndReleaseOnFailure() throws Exception {
        QueryGate gate = new QueryGate(1, 4, 0, new SimpleMeterRegistry());
        assertThatThrownBy(() -> run(gate, () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        // the failed query gave its slot back
        assertThat(run(gate, () -> "ok")).isEqualTo("ok");
        assertThatThrownBy(() -> new QueryGate(0, 1, 1, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWaitingQueryHoldsNoCallerThreadAndIsRefusedWhenItsWaitRunsOut() throws Exception {
        QueryGate gate = new QueryGate(1, 4, 1_000, new SimpleMeterRegistry());
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            var first = gate.submit(() -> {
                inside.countDown();
                release.await();
                return "first";
            });
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            // submit returns at once: the caller's thread is free while the query waits for its turn
            var second = gate.submit(() -> "second");
            assertThat(gate.waiting()).isEqualTo(1);
            // refused when its second runs out, while the first still holds the turn: not when a runner frees up
            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(QueryGate.Full.class)
                    .hasMessageContaining("no query slot within 1000 ms");
            assertThat(first).isNotDone();
            assertThat(gate.waiting()).isZero();
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(gate.figures()).containsEntry("admitted", 1L).containsEntry("refused", 1L);
        } finally {
            release.countDown();
            gate.close();
        }
    }

    @Test
    void closingRefusesTheQueriesThatHadNotStarted() throws Exception {
        QueryGate gate = new QueryGate(1, 4, 60_000, new SimpleMeterRegistry());
        CountDownLatch inside = new CountDownLatch(1);
        var first = gate.submit(() -> {
            inside.countDown();
            new CountDownLatch(1).await();
            return "never";
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        var waiting = gate.submit(() -> "waiting");
        gate.close();
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(QueryGate.Full.class)
                .hasMessageContaining("shutting down");
        // the running one is interrupted and fails too: no caller waits forever
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
    }

    /** The query's answer, or the exception it failed with, waited for on this thread. */
    private static <T> T run(QueryGate gate, QueryGate.Query<T> query) throws Exception {
        try {
            return gate.submit(query).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
