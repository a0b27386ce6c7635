package io.linkcast.serving.topology;

import io.linkcast.ingest.DeadLetters;
import io.linkcast.ingest.InteractionParser;
import io.linkcast.ingest.ParseResult;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses every input record: accepted interactions go on to the engine, refused records go to the
 * dead-letter topic unchanged, with the reason and their position in headers. Never throws on bad input,
 * so a poison record cannot stop the stream.
 */
final class ValidateProcessor implements Processor<byte[], byte[], Object, Object> {
    static final String ENGINE = "engine";
    static final String DLQ_SINK = "dlq-sink";

    private final InteractionParser parser;
    private final StreamListener listener;
    /** The processor accepted events go to: the engine, or the owner chain's first hop. */
    private final String next;
    private ProcessorContext<Object, Object> context;

    ValidateProcessor(int maxRecordBytes, StreamListener listener, String next) {
        this.parser = new InteractionParser(maxRecordBytes);
        this.listener = listener;
        this.next = next;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ParseResult result = parser.parse(record.value());
        if (result instanceof ParseResult.Accepted accepted) {
            listener.accepted();
            context.forward(record.withValue(accepted.interaction()), next);
        } else if (result instanceof ParseResult.Rejected rejected) {
            listener.rejected(rejected.reason());
            RecordMetadata meta = context.recordMetadata().orElseThrow();
            context.forward(record.withHeaders(DeadLetters.headers(rejected.reason(), rejected.detail(),
                    meta.topic(), meta.partition(), meta.offset())), DLQ_SINK);
        }
    }
}
