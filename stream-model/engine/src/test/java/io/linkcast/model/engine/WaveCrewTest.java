package io.linkcast.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WaveCrewTest {

    @Test
    void shouldRunEveryChunkOnceWhileAHelperTakesSome() throws Exception {
        WaveCrew crew = new WaveCrew();
        CountDownLatch helped = new CountDownLatch(1);
        Thread owner = Thread.currentThread();
        CompletableFuture<Void> helper = CompletableFuture.runAsync(crew::help);
        AtomicIntegerArray runs = new AtomicIntegerArray(64);
        int[] byHelper = new int[1];
        crew.forEach(64, c -> {
            runs.incrementAndGet(c);
            if (Thread.currentThread() != owner) {
                synchronized (byHelper) {
                    byHelper[0]++;
                }
                helped.countDown();
            } else if (c == 0) {
                // the owner holds its first chunk until the helper has taken one: the loop must share its chunks
                await(helped);
            }
        });
        crew.close();
        helper.get(10, TimeUnit.SECONDS);
        for (int c = 0; c < 64; c++) {
            assertThat(runs.get(c)).as("chunk " + c).isEqualTo(1);
        }
        assertThat(byHelper[0]).isPositive();
    }

    @Test
    void shouldRethrowOnTheOwnerAFailureInAHelpersChunk() throws Exception {
        WaveCrew crew = new WaveCrew();
        Thread owner = Thread.currentThread();
        CountDownLatch failed = new CountDownLatch(1);
        CompletableFuture<Void> helper = CompletableFuture.runAsync(crew::help);
        assertThatThrownBy(() -> crew.forEach(2, c -> {
            if (Thread.currentThread() != owner) {
                failed.countDown();
                throw new IllegalStateException("chunk " + c + " failed");
            }
            await(failed);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("failed");
        crew.close();
        helper.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldRunEveryChunkInOrderWithoutAHelper() {
        WaveCrew crew = new WaveCrew();
        int[] order = new int[5];
        int[] next = {0};
        crew.forEach(5, c -> order[next[0]++] = c);
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void shouldReleaseAHelperWhenClosed() throws Exception {
        WaveCrew crew = new WaveCrew();
        CompletableFuture<Void> helper = CompletableFuture.runAsync(crew::help);
        Thread.sleep(20);
        assertThat(helper).isNotDone();
        crew.close();
        helper.get(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
