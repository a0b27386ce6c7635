package io.linkcast.serving;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * How far each store partition of this instance is from restored (records of its changelog still to replay), as
 * {@code linkcast_restore_remaining_records{store,partition}}: after a crash or a rebalance, an operator sees which
 * partitions are not answering yet and how long they will take.
 */
final class RestoreProgress implements StateRestoreListener {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> remaining = new ConcurrentHashMap<>();

    RestoreProgress(MeterRegistry registry) {
        this.registry = registry;
    }

    private AtomicLong gauge(String store, int partition) {
        return remaining.computeIfAbsent(store + "/" + partition, k -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("linkcast_restore_remaining_records", v, AtomicLong::get).tag("store", store)
                    .tag("partition", Integer.toString(partition))
                    .description("changelog records this store partition still has to restore (0: restored)")
                    .register(registry);
            return v;
        });
    }

    @Override
    public void onRestoreStart(TopicPartition tp, String store, long startingOffset, long endingOffset) {
        gauge(store, tp.partition()).set(Math.max(0, endingOffset - startingOffset));
    }

    @Override
    public void onBatchRestored(TopicPartition tp, String store, long batchEndOffset, long numRestored) {
        gauge(store, tp.partition()).updateAndGet(v -> Math.max(0, v - numRestored));
    }

    @Override
    public void onRestoreEnd(TopicPartition tp, String store, long totalRestored) {
        gauge(store, tp.partition()).set(0);
    }

    /** Store/partition → records still to restore, for the stats feed. */
    Map<String, Long> remaining() {
        Map<String, Long> out = new TreeMap<>();
        remaining.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
