package io.linkcast.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream thread's unexpected failure does (an event on which the model throws never gets here: it is
 * dead-lettered). The thread is replaced: under exactly-once its open transaction is aborted and its tasks resume from
 * the last commit, so nothing is lost or repeated. A failure that comes back at once (more than {@code limit} in
 * {@code windowNanos}) is not transient, and replacing threads forever would hide it: then the client stops, and
 * health turns 503.
 */
final class ThreadReplacement implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadReplacement.class);

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Counter replaced;
    private final ArrayDeque<Long> recent = new ArrayDeque<>();

    ThreadReplacement(int limit, long windowNanos, LongSupplier nanoClock, MeterRegistry registry) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
        this.replaced = Counter.builder("linkcast_stream_threads_replaced")
                .description("stream threads replaced after an unexpected failure").register(registry);
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable failure) {
        long now = nanoClock.getAsLong();
        while (!recent.isEmpty() && now - recent.peekFirst() > windowNanos) {
            recent.pollFirst();
        }
        if (recent.size() >= limit) {
            LOG.error("stream thread failed again ({} replacements within {} s); the service stops processing (health "
                    + "turns 503)", recent.size(), windowNanos / 1_000_000_000L, failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recent.addLast(now);
        replaced.increment();
        LOG.error("stream thread failed; replacing it (its tasks resume from the last commit)", failure);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
