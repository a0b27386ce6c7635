package io.linkcast.serving.topology;

import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.RejectReason;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelHandle;
import io.linkcast.model.engine.ModelInfo;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The micro-batch engine as a Kafka Streams processor.
 *
 * <p>Accepted events are appended to a changelogged buffer store keyed by their stream position; the
 * buffer is flushed through the engine when it holds {@code maxBatch} events, or by the wall-clock
 * punctuation once its oldest event has waited {@code flushIntervalMs}. Flushing at every tick instead
 * collapsed the batches under a backlog (a flush of NAT and SEMBA takes longer than a tick, so the next
 * tick found a few dozen events and flushed them: mean batch 38 in the demo), and small batches cost
 * throughput. Because the buffer, the node states, the predictions and the input offsets all
 * commit in one exactly-once transaction, a crash at any point neither loses nor repeats a prediction.
 */
final class EngineProcessor<S> implements Processor<byte[], Interaction, byte[], byte[]> {
    static final String PREDICTIONS_SINK = "predictions-sink";
    private final ModelHandle<S> model;
    private final TopologySettings settings;
    private final StreamListener listener;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Bytes, byte[]> buffer;
    private ServedNodes<S> nodes;
    private long pending;
    /** Wall-clock time (ms) when the oldest buffered event was buffered; meaningful while pending > 0. */
    private long oldestBufferedMs;
    private final LiveNegatives liveNegatives = new LiveNegatives(4096);
    /** Null without live quality or without a baseline to compare with. */
    private final BaselineYardstick<?> yardstick;

    EngineProcessor(ModelHandle<S> model, TopologySettings settings, BaselineYardstick<?> yardstick,
            StreamListener listener) {
        this.model = model;
        this.settings = settings;
        this.yardstick = yardstick;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.buffer = context.getStateStore(TopologySettings.BATCH_BUFFER_STORE);
        this.nodes = new ServedNodes<>(context, model.current());
        if (yardstick != null) {
            yardstick.init(context);
        }
        // a restored buffer holds the events of a batch that was accepted but not yet flushed before a crash
        this.pending = buffer.approximateNumEntries();
        this.oldestBufferedMs = context.currentSystemTimeMs();
        // ticks at half the interval, so an event waits at most 1.5 intervals on a quiet stream
        context.schedule(Duration.ofMillis(Math.max(1, settings.flushIntervalMs() / 2)),
                PunctuationType.WALL_CLOCK_TIME, now -> {
                    if (now - oldestBufferedMs >= settings.flushIntervalMs()) {
                        flush();
                    }
                });
    }

    /** Kafka closes the processor when the task closes or is recycled into a standby (then without a new init). */
    @Override
    public void close() {
        if (nodes != null) {
            nodes.close();
        }
        if (yardstick != null) {
            yardstick.close();
        }
    }

    @Override
    public void process(Record<byte[], Interaction> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        BufferedEvent e = new BufferedEvent(meta.partition(), meta.offset(), record.timestamp(), record.value());
        buffer.put(positionKey(meta.partition(), meta.offset()), e.encode());
        if (pending == 0) {
            oldestBufferedMs = context.currentSystemTimeMs();
        }
        if (++pending >= settings.maxBatch()) {
            flush();
        }
    }

    private void flush() {
        if (pending == 0) {
            return;
        }
        List<BufferedEvent> batch = new ArrayList<>((int) Math.min(pending, settings.maxBatch()));
        List<Bytes> keys = new ArrayList<>(batch.size());
        try (KeyValueIterator<Bytes, byte[]> it = buffer.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                keys.add(kv.key);
                batch.add(BufferedEvent.decode(kv.value));
            }
        }
        List<SequencedEvent> events = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            BufferedEvent b = batch.get(i);
            events.add(new SequencedEvent(SequencedEvent.seqOf(b.partition(), b.offset()), b.event()));
        }
        // one model instance for the whole batch: a hot swap takes effect at the next batch
        StreamModel<S> current = model.current();
        MicroBatchEngine<S> engine = new MicroBatchEngine<>(current, nodes.of(current));
        long start = System.nanoTime();
        List<Query> negativeQueries = settings.liveQuality() ? liveNegatives.queries(events) : List.of();
        Scored scored = score(engine, events, negativeQueries);
        long nanos = System.nanoTime() - start;
        listener.batch(batch.size(), engine.lastBatchWaves(), nanos);
        // outside the engine time: the baseline is a cost of watching quality, not of predicting; it sees the
        // events the model kept
        Scored baseline = yardstick != null ? scored.keptOnly(events, negativeQueries, yardstick::process) : null;

        ModelInfo info = current.info();
        long now = System.currentTimeMillis();
        double maxTime = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < batch.size(); i++) {
            BufferedEvent b = batch.get(i);
            Interaction ev = b.event();
            ModelOutput o = scored.outputs().get(i);
            if (o == null) {
                deadLetter(b, scored.failures().get(i));
                continue;
            }
            double latency = Math.max(0, now - b.recordTimestamp());
            Prediction p = new Prediction(b.partition(), b.offset(), ev.srcKey(), ev.dstKey(), ev.t(), ev.id(),
                    o.pLink(), o.pPositive(), o.weight(), info.name(), info.version(), latency);
            context.forward(new Record<>(ev.srcKey().getBytes(StandardCharsets.UTF_8), PredictionJson.encode(p),
                    b.recordTimestamp()), PREDICTIONS_SINK);
            listener.predicted(latency);
            maxTime = Math.max(maxTime, ev.t());
            nodes.rememberExternal(ev.src(), ev.srcKey());
            nodes.rememberExternal(ev.dst(), ev.dstKey());
            if (settings.liveQuality()) {
                listener.quality(o.pLink(), scored.links().get(i).pLink(), ev.sign(), o.pPositive());
            }
            if (baseline != null && baseline.outputs().get(i) != null) {
                ModelOutput y = baseline.outputs().get(i);
                listener.baselineQuality(y.pLink(), baseline.links().get(i).pLink(), ev.sign(), y.pPositive());
            }
        }
        listener.eventTime(maxTime);
        for (Bytes k : keys) {
            buffer.delete(k);
        }
        pending = 0;
    }

    /**
     * The batch through the engine; if it throws, the events one at a time, so that only the events that fail
     * are lost to the stream (dead-lettered) and the others get the predictions they would have had. The
     * engine writes a batch's states only once the whole batch has stepped, so a failed try leaves them as
     * they were.
     */
    private static Scored score(MicroBatchEngine<?> engine, List<SequencedEvent> events, List<Query> negatives) {
        try {
            MicroBatchEngine.BatchResult r = engine.process(events, negatives);
            return new Scored(r.outputs(), r.links(), null);
        } catch (RuntimeException batchFailure) {
            List<ModelOutput> outputs = new ArrayList<>(events.size());
            List<ModelOutput> links = new ArrayList<>(events.size());
            List<RuntimeException> failures = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                try {
                    MicroBatchEngine.BatchResult r = engine.process(List.of(events.get(i)),
                            negatives.isEmpty() ? List.of() : List.of(negatives.get(i)));
                    outputs.add(r.outputs().get(0));
                    links.add(negatives.isEmpty() ? null : r.links().get(0));
                    failures.add(null);
                } catch (RuntimeException e) {
                    outputs.add(null);
                    links.add(null);
                    failures.add(e);
                }
            }
            return new Scored(outputs, links, failures);
        }
    }

    private void deadLetter(BufferedEvent b, RuntimeException cause) {
        listener.rejected(RejectReason.PROCESSING_FAILED);
        context.forward(b.deadLetter(cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                settings.interactionsTopic()), ValidateProcessor.DLQ_SINK);
    }

    /**
     * A batch's model outputs and negative scores, aligned with its events; where processing an event threw, its
     * output is null and {@code failures} holds the exception ({@code failures} is null when nothing failed).
     */
    private record Scored(List<ModelOutput> outputs, List<ModelOutput> links, List<RuntimeException> failures) {
        /** Another predictor over the events that were kept, realigned with the whole batch. */
        Scored keptOnly(List<SequencedEvent> events, List<Query> negatives,
                BiFunction<List<SequencedEvent>, List<Query>, MicroBatchEngine.BatchResult> run) {
            if (failures == null) {
                MicroBatchEngine.BatchResult r = run.apply(events, negatives);
                return new Scored(r.outputs(), r.links(), null);
            }
            List<SequencedEvent> kept = new ArrayList<>();
            List<Query> keptNegatives = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (outputs.get(i) != null) {
                    kept.add(events.get(i));
                    if (!negatives.isEmpty()) {
                        keptNegatives.add(negatives.get(i));
                    }
                }
            }
            MicroBatchEngine.BatchResult r = run.apply(kept, keptNegatives);
            List<ModelOutput> o = new ArrayList<>(events.size());
            List<ModelOutput> l = new ArrayList<>(events.size());
            for (int i = 0, k = 0; i < events.size(); i++) {
                boolean keep = outputs.get(i) != null;
                o.add(keep ? r.outputs().get(k) : null);
                l.add(keep ? r.links().get(k) : null);
                k += keep ? 1 : 0;
            }
            return new Scored(o, l, failures);
        }
    }

    private static Bytes positionKey(int partition, long offset) {
        // big-endian, so the store's byte order is stream order
        return Bytes.wrap(ByteBuffer.allocate(12).putInt(partition).putLong(offset).array());
    }
}
