package io.linkcast.serving;

import io.linkcast.ingest.DatasetReader;
import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.Pacer;
import io.linkcast.ingest.ReplayProducer;
import io.linkcast.ingest.ReplayRate;
import io.linkcast.ingest.SyntheticConfig;
import io.linkcast.ingest.SyntheticStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;

/**
 * The demo's and the benchmark's producer: the replay producer on a background thread, with a live count
 * of what it has sent so far and a way to stop it early.
 */
final class DemoFeed implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final ReplayProducer replay;
    private final Iterator<Interaction> source;
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean stop;
    private volatile boolean done;
    private volatile Exception failure;
    private volatile long startNanos;

    DemoFeed(String bootstrapServers, String topic, Iterator<Interaction> source, ReplayRate rate) {
        this.producer = ReplayProducer.newProducer(bootstrapServers);
        this.replay = new ReplayProducer(producer, topic, Pacer.system(rate), null);
        this.source = source;
        this.thread = new Thread(this::run, "linkcast-demo-feed");
        thread.setDaemon(true);
    }

    /** Synthetic events, or the rows of a dataset file, after the first {@code skip}, at most {@code limit} of them. */
    static Iterator<Interaction> source(Path data, int nodes, long seed, long skip, long limit) {
        Iterator<Interaction> it;
        if (data != null) {
            try {
                it = new DatasetReader().read(data).events().iterator();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + data + ": " + e.getMessage(), e);
            }
        } else {
            it = new SyntheticStream(SyntheticConfig.defaults(nodes, Long.MAX_VALUE, seed)).iterator();
        }
        for (long i = 0; i < skip && it.hasNext(); i++) {
            it.next();
        }
        return limit(it, limit);
    }

    static Iterator<Interaction> limit(Iterator<Interaction> it, long n) {
        return new Iterator<>() {
            long left = n;

            @Override
            public boolean hasNext() {
                return left > 0 && it.hasNext();
            }

            @Override
            public Interaction next() {
                left--;
                return it.next();
            }
        };
    }

    void start() {
        thread.start();
    }

    private void run() {
        startNanos = System.nanoTime();
        Iterator<Interaction> counted = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !stop && source.hasNext();
            }

            @Override
            public Interaction next() {
                sent.incrementAndGet();
                return source.next();
            }
        };
        try {
            replay.replay(counted, Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            done = true;
        }
    }

    long sent() {
        return sent.get();
    }

    boolean done() {
        return done;
    }

    Exception failure() {
        return failure;
    }

    long startNanos() {
        return startNanos;
    }

    void stop() {
        stop = true;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(30_000);
        producer.close();
    }
}
