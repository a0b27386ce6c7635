package io.linkcast.serving;

import io.linkcast.ingest.DatasetReader;
import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.InteractionJson;
import io.linkcast.ingest.SyntheticConfig;
import io.linkcast.ingest.SyntheticStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The demo's producer: sends interactions to the input topic from a background thread at a set rate. */
final class DemoFeed implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final Iterator<Interaction> source;
    private final double eventsPerSecond;
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean stop;
    private volatile boolean done;
    private volatile Exception failure;
    private volatile long startNanos;

    DemoFeed(String bootstrapServers, String topic, Iterator<Interaction> source, double eventsPerSecond) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.source = source;
        this.eventsPerSecond = eventsPerSecond;
        this.thread = new Thread(this::run, "linkcast-demo-feed");
        thread.setDaemon(true);
    }

    /** Synthetic events, or the rows of a dataset file, at most {@code limit} of them. */
    static Iterator<Interaction> source(Path data, int nodes, long seed, long limit) {
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
        Iterator<Interaction> inner = it;
        return new Iterator<>() {
            long n;

            @Override
            public boolean hasNext() {
                return n < limit && inner.hasNext();
            }

            @Override
            public Interaction next() {
                n++;
                return inner.next();
            }
        };
    }

    static double parseRate(String rate) {
        if (rate.equalsIgnoreCase("max")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double r = Double.parseDouble(rate);
            if (r > 0 && Double.isFinite(r)) {
                return r;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("--rate must be a positive number of events per second or 'max', got '" + rate + "'");
    }

    void start() {
        thread.start();
    }

    private void run() {
        startNanos = System.nanoTime();
        try {
            while (!stop && source.hasNext()) {
                Interaction e = source.next();
                producer.send(new ProducerRecord<>(topic, e.srcKey().getBytes(StandardCharsets.UTF_8),
                        InteractionJson.encode(e)), (md, ex) -> {
                            if (ex != null) {
                                failure = ex;
                            }
                        });
                long n = sent.incrementAndGet();
                if (Double.isFinite(eventsPerSecond)) {
                    long due = startNanos + (long) (n / eventsPerSecond * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
            producer.flush();
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
