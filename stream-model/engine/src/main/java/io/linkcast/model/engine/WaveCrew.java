package io.linkcast.model.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The crew of one model's part of a wave (or of a batch's records) in a composite: the thread that runs the part
 * hands its loops to {@link #forEach}, and a thread that has finished its own part calls {@link #help} and takes
 * chunks of those loops until the part's thread {@link #close}s the crew. With NAT and SEMBA served, the two
 * models' steps differ in length, so without it one thread waits while the other, holding up the stream,
 * computes alone.
 *
 * <p>The part's thread never waits for a helper to arrive: it claims chunks itself, and waits only for chunks a
 * helper has already claimed. A helper waits for work parked, not spinning, since the machine's other core is
 * shared with the broker, the clients and the garbage collector. Several helpers may take chunks; the one that
 * called {@link #help} last is woken when a loop is posted, the others look every millisecond.
 */
public final class WaveCrew implements Crew {
    private volatile Job posted;
    private volatile Thread helper;
    private volatile boolean closed;

    /** Called by the one thread that runs the part (its loops are posted one at a time). */
    @Override
    public void forEach(int chunks, IntConsumer body) {
        if (chunks <= 1 || closed) {
            ALONE.forEach(chunks, body);
            return;
        }
        Job job = new Job(chunks, body, Thread.currentThread());
        posted = job;
        Thread h = helper;
        if (h != null) {
            LockSupport.unpark(h);
        }
        job.work();
        posted = null;
        job.await();
    }

    /** Takes chunks of the part's loops as they are posted, until {@link #close}. */
    public void help() {
        helper = Thread.currentThread();
        try {
            Job last = null;
            while (!closed) {
                Job job = posted;
                if (job != null && job != last) {
                    job.work();
                    last = job;
                } else {
                    // the part's thread unparks on posting and on closing; the timeout only bounds a missed wake-up
                    LockSupport.parkNanos(this, 1_000_000);
                }
            }
        } finally {
            if (helper == Thread.currentThread()) {
                helper = null;
            }
        }
    }

    /** The part is done: helpers return, and a later {@link #forEach} runs alone. */
    public void close() {
        closed = true;
        Thread h = helper;
        if (h != null) {
            LockSupport.unpark(h);
        }
    }

    /** One loop: chunks claimed in order by whoever comes. */
    private static final class Job {
        private final int chunks;
        private final IntConsumer body;
        private final Thread owner;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Job(int chunks, IntConsumer body, Thread owner) {
            this.chunks = chunks;
            this.body = body;
            this.owner = owner;
        }

        void work() {
            for (int i = next.getAndIncrement(); i < chunks; i = next.getAndIncrement()) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    if (done.incrementAndGet() == chunks && Thread.currentThread() != owner) {
                        LockSupport.unpark(owner);
                    }
                }
            }
        }

        /** Waits for the chunks that a helper claimed; a chunk is tens of µs, so a short spin first. */
        void await() {
            for (int spins = 0; done.get() < chunks; spins++) {
                if (spins < 256) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 20_000);
                }
            }
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }
}
