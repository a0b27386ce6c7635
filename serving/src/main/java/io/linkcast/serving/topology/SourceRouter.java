package io.linkcast.serving.topology;

import io.linkcast.ingest.Interaction;
import io.linkcast.state.NodeKeys;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first hop of the owner chain: an accepted event goes to its source's owner, keyed by the source's id, with
 * its input position, which stays its identity (its sequence number and its prediction's position) down the chain.
 */
final class SourceRouter implements Processor<byte[], Interaction, byte[], byte[]> {
    static final String NAME = "route-by-source";
    static final String BY_SOURCE_SINK = "by-source-sink";
    private ProcessorContext<byte[], byte[]> context;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], Interaction> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        BufferedEvent e = new BufferedEvent(meta.partition(), meta.offset(), record.timestamp(), record.value());
        context.forward(new Record<>(NodeKeys.toKey(record.value().src()).get(), e.encode(), record.timestamp()),
                BY_SOURCE_SINK);
    }
}
