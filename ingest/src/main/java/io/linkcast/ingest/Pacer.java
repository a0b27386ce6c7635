package io.linkcast.ingest;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces events evenly at a {@link ReplayRate}: event i is released at start + i / rate, so a slow moment is
 * caught up afterwards and the average rate holds over the run. Not thread-safe.
 */
public final class Pacer {
    /** Waits for a number of nanoseconds. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final ReplayRate rate;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long start;
    private boolean started;

    public Pacer(ReplayRate rate, LongSupplier nanoTime, Sleeper sleeper) {
        this.rate = Objects.requireNonNull(rate, "rate");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** A pacer on the system clock. */
    public static Pacer system(ReplayRate rate) {
        return new Pacer(rate, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /** Returns when event {@code index} (0-based, increasing) may be sent. */
    public void await(long index) throws InterruptedException {
        if (rate.unlimited()) {
            return;
        }
        if (!started) {
            start = nanoTime.getAsLong();
            started = true;
        }
        long due = start + (long) (index * 1e9 / rate.eventsPerSecond());
        long wait = due - nanoTime.getAsLong();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }
}
