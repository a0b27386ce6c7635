package io.linkcast.serving.topology;

import io.linkcast.ingest.DeadLetters;
import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.RejectReason;
import io.linkcast.model.engine.ModelHandle;
import io.linkcast.model.engine.ModelInfo;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.OwnerEngine;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.state.NodeKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
 * The owner chain of a partition (architecture.md, "Scale-out"): one processor over the node store of the nodes
 * this partition owns, fed by the three co-partitioned chain topics. An event keyed by its source (stage A) sends
 * the source's state to the destination's owner as an ask; an ask (stage B) is predicted and published there,
 * once, and applied to the destination, which answers with its state from before the event; the answer (stage C)
 * applies the event to the source. One processor, so that the three stages share one store and one cache.
 *
 * <p>Records of the three topics are buffered in a changelogged store and flushed together through the
 * {@link OwnerEngine}, by size or by the wall-clock punctuation, as the sequential engine's are: the buffer, the node
 * states, the records sent on and the input offsets commit in one exactly-once transaction. A flush runs its records
 * in event order (input timestamp, then position), so that what earlier events wrote is applied before later events
 * read.
 *
 * <p>Reads wait for the window ({@code chainWindow}): a partition has at most that many events out whose answers have
 * not come back. Without it, stage A, which only reads, races through a backlog long before the first answers return
 * (each hop is visible only once its transaction commits), and every read misses the updates still in flight: on a
 * backlog, nearly every prediction differed from sequential and link AP fell (docs/results.md, session 10).
 * The window bounds the events in flight, so the staleness, at the price of rate: about window × partitions events
 * per round trip.
 */
final class OwnerProcessor<S> implements Processor<byte[], byte[], byte[], byte[]> {
    static final String NAME = "owner";
    static final String ASKS_SINK = "asks-sink";
    static final String ANSWERS_SINK = "answers-sink";
    static final String DLQ_SINK = "owner-dlq-sink";
    private static final byte READ = 0;
    private static final byte ASK = 1;
    private static final byte ANSWER = 2;

    private final ModelHandle<S> model;
    private final TopologySettings settings;
    private final StreamListener listener;
    private final LiveNegatives liveNegatives;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Bytes, byte[]> buffer;
    private ServedNodes<S> nodes;
    /** The buffer key of the next record: arrival order, kept across restarts (see init). */
    private long nextKey;
    /**
     * The buffer's records in memory, as the store holds them: events waiting for their source's read (stage A),
     * in arrival order, and asks and answers, which never wait.
     */
    private final ArrayDeque<Buffered> reads = new ArrayDeque<>();
    private final List<Buffered> writes = new ArrayList<>();
    /**
     * Events read here whose answers have not come back (in memory: after a restart it starts from 0, so the window
     * briefly admits the answers still in flight on top of it).
     */
    private long inFlight;
    /** The buffered writes that will return the window when they run (answers, self-loops' asks). */
    private long dueCredits;
    /** Wall-clock time since when something could be flushed; meaningful while {@link #flushable()} > 0. */
    private long waitingSinceMs;

    OwnerProcessor(ModelHandle<S> model, TopologySettings settings, StreamListener listener) {
        this.model = model;
        this.settings = settings;
        this.listener = listener;
        // this partition sees 1/P of the destinations: a pool of 4096/P spans the same stretch of the stream as the
        // sequential topology's 4096, so that the negatives are as recent, and live AP compares across P
        this.liveNegatives = new LiveNegatives(Math.max(64, 4096 / settings.partitions()));
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.buffer = context.getStateStore(TopologySettings.BATCH_BUFFER_STORE);
        this.nodes = new ServedNodes<>(context, model.current());
        reads.clear();
        writes.clear();
        dueCredits = 0;
        inFlight = 0;
        nextKey = 0;
        try (KeyValueIterator<Bytes, byte[]> it = buffer.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                hold(decode(kv.key, kv.value));
                nextKey = ByteBuffer.wrap(kv.key.get()).getLong() + 1;
            }
        }
        this.waitingSinceMs = context.currentSystemTimeMs();
        context.schedule(Duration.ofMillis(Math.max(1, settings.flushIntervalMs() / 2)),
                PunctuationType.WALL_CLOCK_TIME, now -> {
                    if (flushable() > 0 && now - waitingSinceMs >= settings.flushIntervalMs()) {
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
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().orElseThrow().topic();
        byte stage = topic.equals(settings.asksTopic()) ? ASK : topic.equals(settings.answersTopic()) ? ANSWER : READ;
        byte[] value = new byte[record.value().length + 1];
        value[0] = stage;
        System.arraycopy(record.value(), 0, value, 1, record.value().length);
        Bytes key = Bytes.wrap(ByteBuffer.allocate(8).putLong(nextKey).array());
        Buffered decoded;
        try {
            decoded = decode(key, value);
        } catch (RuntimeException e) {
            // only linkcast writes the chain topics, but a record it cannot read must not stop the partition
            refuseUnreadable(record, e);
            return;
        }
        nextKey++;
        buffer.put(key, value);
        long before = flushable();
        hold(decoded);
        if (before == 0 && flushable() > 0) {
            waitingSinceMs = context.currentSystemTimeMs();
        }
        if (flushable() >= settings.maxBatch()) {
            flush();
        }
    }

    private void hold(Buffered b) {
        if (b.stage() == READ) {
            reads.add(b);
        } else {
            writes.add(b);
            dueCredits += returnsCredit(b) ? 1 : 0;
        }
    }

    /** Reads the window admits now: answers due in the buffered writes count as already back. */
    private long admitted() {
        if (settings.chainWindow() == 0) {
            return reads.size();
        }
        return Math.max(0, Math.min(reads.size(), settings.chainWindow() - inFlight + dueCredits));
    }

    private long flushable() {
        return writes.size() + admitted();
    }

    /** An answer, or a self-loop's ask (its source was read here and no answer comes): its event is done here. */
    private static boolean returnsCredit(Buffered b) {
        return b.stage() == ANSWER || b.stage() == ASK && b.event().event().src() == b.event().event().dst();
    }

    /** A buffered record: its key, stage, event, and the other endpoint's snapshot (empty: the ask failed). */
    private record Buffered(Bytes key, byte stage, BufferedEvent event, byte[] snapshot) {
        SequencedEvent sequenced() {
            return new SequencedEvent(SequencedEvent.seqOf(event.partition(), event.offset()), event.event());
        }
    }

    /** Event order across the stages: what was written by earlier events is applied before later ones read. */
    private static final Comparator<Buffered> EVENT_ORDER = Comparator
            .comparingLong((Buffered b) -> b.event().recordTimestamp())
            .thenComparingLong(b -> SequencedEvent.seqOf(b.event().partition(), b.event().offset()));

    private void flush() {
        long admit = admitted();
        List<Buffered> records = new ArrayList<>(writes);
        writes.clear();
        dueCredits = 0;
        for (long i = 0; i < admit; i++) {
            records.add(reads.poll());
        }
        if (records.isEmpty()) {
            return;
        }
        records.sort(EVENT_ORDER);
        StreamModel<S> current = model.current();
        List<SequencedEvent> asked = new ArrayList<>();
        for (Buffered b : records) {
            if (b.stage() == ASK) {
                asked.add(b.sequenced());
            }
        }
        // the negatives' pool is this partition's destinations, so each negative is a node this store holds
        List<Query> negatives = settings.liveQuality() ? liveNegatives.queries(asked) : List.of();
        List<Buffered> run = new ArrayList<>(records.size());
        List<OwnerEngine.Item<S>> items = new ArrayList<>(records.size());
        int k = 0;
        for (Buffered b : records) {
            Interaction e = b.event().event();
            Query negative = b.stage() == ASK && !negatives.isEmpty() ? negatives.get(k++) : null;
            if (b.stage() == ANSWER && b.snapshot().length == 0) {
                continue;
            }
            S snapshot = null;
            if (b.stage() != READ) {
                try {
                    snapshot = current.codec().decode(b.snapshot());
                } catch (RuntimeException unreadable) {
                    refuse(b, unreadable);
                    continue;
                }
            }
            run.add(b);
            items.add(switch (b.stage()) {
                case READ -> new OwnerEngine.Read<>(e.src());
                case ASK -> new OwnerEngine.Ask<>(b.sequenced(), snapshot, negative);
                default -> new OwnerEngine.Answer<>(b.sequenced(), snapshot);
            });
        }
        OwnerEngine<S> engine = new OwnerEngine<>(current, nodes.of(current));
        long start = System.nanoTime();
        OwnerEngine.Result<S> result;
        RuntimeException[] failures = new RuntimeException[items.size()];
        try {
            result = engine.process(items);
        } catch (RuntimeException batchFailure) {
            result = oneByOne(engine, items, failures);
        }
        listener.batch(asked.size(), engine.lastBatchWaves(), System.nanoTime() - start);
        emit(current, run, result, failures);
        for (Buffered b : records) {
            if (b.stage() == READ) {
                inFlight++;
            } else if (returnsCredit(b)) {
                inFlight = Math.max(0, inFlight - 1);
            }
            buffer.delete(b.key());
        }
        listener.partition(context.taskId().partition(), asked.size(), inFlight, reads.size());
        waitingSinceMs = context.currentSystemTimeMs();
    }

    /** The items one at a time after a failed batch, so that only the items that fail are lost (dead-lettered). */
    private OwnerEngine.Result<S> oneByOne(OwnerEngine<S> engine, List<OwnerEngine.Item<S>> items,
            RuntimeException[] failures) {
        List<S> states = new ArrayList<>(items.size());
        List<ModelOutput> outputs = new ArrayList<>(items.size());
        List<ModelOutput> links = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                OwnerEngine.Result<S> r = engine.process(List.of(items.get(i)));
                states.add(r.states().get(0));
                outputs.add(r.outputs().get(0));
                links.add(r.links().get(0));
            } catch (RuntimeException e) {
                failures[i] = e;
                states.add(null);
                outputs.add(null);
                links.add(null);
            }
        }
        return new OwnerEngine.Result<>(states, outputs, links);
    }

    private void emit(StreamModel<S> current, List<Buffered> records, OwnerEngine.Result<S> result,
            RuntimeException[] failures) {
        ModelInfo info = current.info();
        long now = System.currentTimeMillis();
        double maxTime = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < records.size(); i++) {
            Buffered b = records.get(i);
            BufferedEvent be = b.event();
            Interaction ev = be.event();
            if (failures[i] != null) {
                refuse(b, failures[i]);
                continue;
            }
            if (b.stage() == READ) {
                nodes.rememberExternal(ev.src(), ev.srcKey());
                send(ASKS_SINK, ev.dst(), be, current.codec().encode(result.states().get(i)));
            } else if (b.stage() == ASK) {
                ModelOutput o = result.outputs().get(i);
                double latency = Math.max(0, now - be.recordTimestamp());
                Prediction p = new Prediction(be.partition(), be.offset(), ev.srcKey(), ev.dstKey(), ev.t(), ev.id(),
                        o.pLink(), o.pPositive(), o.weight(), info.name(), info.version(), latency);
                context.forward(new Record<>(ev.srcKey().getBytes(StandardCharsets.UTF_8), PredictionJson.encode(p),
                        be.recordTimestamp()), EngineProcessor.PREDICTIONS_SINK);
                listener.predicted(latency);
                maxTime = Math.max(maxTime, ev.t());
                nodes.rememberExternal(ev.dst(), ev.dstKey());
                if (settings.liveQuality()) {
                    ModelOutput negative = result.links().get(i);
                    listener.quality(o.pLink(), negative == null ? Float.NaN : negative.pLink(), ev.sign(),
                            o.pPositive());
                }
                if (ev.src() != ev.dst()) {
                    send(ANSWERS_SINK, ev.src(), be, current.codec().encode(result.states().get(i)));
                }
            }
        }
        if (maxTime > Double.NEGATIVE_INFINITY) {
            listener.eventTime(maxTime);
        }
    }

    private void send(String sink, long key, BufferedEvent event, byte[] snapshot) {
        byte[] head = event.encode();
        byte[] value = ByteBuffer.allocate(4 + head.length + snapshot.length).putInt(head.length).put(head)
                .put(snapshot).array();
        context.forward(new Record<>(NodeKeys.toKey(key).get(), value, event.recordTimestamp()), sink);
    }

    private static Buffered decode(Bytes key, byte[] value) {
        byte stage = value[0];
        if (stage == READ) {
            return new Buffered(key, stage, BufferedEvent.decode(Arrays.copyOfRange(value, 1, value.length)), null);
        }
        ByteBuffer b = ByteBuffer.wrap(value, 1, value.length - 1);
        int headLength = b.getInt();
        byte[] head = new byte[headLength];
        b.get(head);
        byte[] snapshot = new byte[b.remaining()];
        b.get(snapshot);
        return new Buffered(key, stage, BufferedEvent.decode(head), snapshot);
    }

    /** An item that failed, dead-lettered; a failed ask still answers its source's owner, so that the window returns. */
    private void refuse(Buffered b, RuntimeException cause) {
        deadLetter(b.event(), b.stage(), cause);
        Interaction ev = b.event().event();
        if (b.stage() == ASK && ev.src() != ev.dst()) {
            // an empty answer: nothing to apply, but the source's owner gets its window back
            send(ANSWERS_SINK, ev.src(), b.event(), new byte[0]);
        }
    }

    /** A chain record that cannot be read at all: dead-lettered as it came, with the chain topic's position. */
    private void refuseUnreadable(Record<byte[], byte[]> record, RuntimeException cause) {
        listener.rejected(RejectReason.PROCESSING_FAILED);
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        String detail = "unreadable record of " + meta.topic() + ": " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage();
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(),
                DeadLetters.headers(RejectReason.PROCESSING_FAILED, detail, meta.topic(), meta.partition(), meta.offset())),
                DLQ_SINK);
    }

    /**
     * An event whose half failed: refused with its position in the input. A failed ask loses the prediction and
     * both halves (no answer goes back); a failed answer only the source's half.
     */
    private void deadLetter(BufferedEvent b, byte stage, RuntimeException cause) {
        listener.rejected(RejectReason.PROCESSING_FAILED);
        String detail = (stage == ANSWER ? "source half: " : stage == ASK ? "" : "source read: ")
                + cause.getClass().getSimpleName() + ": " + cause.getMessage();
        context.forward(b.deadLetter(detail, settings.interactionsTopic()), DLQ_SINK);
    }
}
