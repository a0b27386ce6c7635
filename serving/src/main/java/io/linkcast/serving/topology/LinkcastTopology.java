package io.linkcast.serving.topology;

import io.linkcast.model.engine.ModelHandle;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.state.DecodedNodeStore;
import io.linkcast.state.NodeCacheReads;
import io.linkcast.state.NodeStores;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds linkcast's Kafka Streams topology: validate → micro-batch engine → predictions, refused records
 * → dead-letter topic. The one function that {@code main} and every topology test call.
 */
public final class LinkcastTopology {
    private LinkcastTopology() {
    }

    public static <S> Topology build(TopologySettings settings, StreamModel<S> model, StreamListener listener) {
        return build(settings, new ModelHandle<>(model), listener);
    }

    /** The topology over a model that can be replaced while the stream runs, without a baseline yardstick. */
    public static <S> Topology build(TopologySettings settings, ModelHandle<S> model, StreamListener listener) {
        return build(settings, model, Optional.empty(), listener);
    }

    /**
     * The topology over a model that can be replaced while the stream runs; with live quality on and a baseline
     * given (and {@link TopologySettings#liveBaseline()}), the baseline runs beside the model over the same events
     * and negatives, in a store of its own, and its live quality is reported with the model's.
     */
    public static <S> Topology build(TopologySettings settings, ModelHandle<S> model, Optional<StreamModel<?>> baseline,
            StreamListener listener) {
        if (settings.partitioned()) {
            return partitioned(settings, model, listener);
        }
        boolean yardstick = settings.liveQuality() && settings.liveBaseline() && baseline.isPresent();
        Topology t = new Topology();
        t.addSource("interactions-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                settings.interactionsTopic());
        t.addProcessor("validate", () -> new ValidateProcessor(settings.maxRecordBytes(), listener,
                ValidateProcessor.ENGINE), "interactions-source");
        t.addProcessor(ValidateProcessor.ENGINE, () -> new EngineProcessor<>(model, settings,
                yardstick ? yardstickOf(baseline.get()) : null, listener),
                "validate");
        // the engine dead-letters the events whose processing fails
        t.addSink(ValidateProcessor.DLQ_SINK, settings.deadLetterTopic(), new ByteArraySerializer(),
                new ByteArraySerializer(), "validate", ValidateProcessor.ENGINE);
        t.addSink(EngineProcessor.PREDICTIONS_SINK, settings.predictionsTopic(), new ByteArraySerializer(),
                new ByteArraySerializer(), ValidateProcessor.ENGINE);
        t.addStateStore(nodeStates(settings, listener), ValidateProcessor.ENGINE);
        t.addStateStore(NodeStores.inMemory(TopologySettings.BATCH_BUFFER_STORE), ValidateProcessor.ENGINE);
        t.addStateStore(NodeStores.persistent(TopologySettings.EXTERNAL_IDS_STORE), ValidateProcessor.ENGINE);
        if (yardstick) {
            // the yardstick's cache is not the served models': its reads stay out of the served cache's hit rate
            t.addStateStore(NodeStores.nodeStates(TopologySettings.BASELINE_STATE_STORE, settings.stateCacheNodes(),
                    NodeCacheReads.NONE), ValidateProcessor.ENGINE);
        }
        return t;
    }

    /**
     * Node state partitioned by node id (architecture.md, "Scale-out"): validate, then the owner chain. Accepted
     * events go to their source's owner through the by-source topic; one processor per partition runs the three
     * stages over the node store, fed by by-source, asks and answers, which are co-partitioned by node
     * ({@link NodePartitioner}). The baseline yardstick does not run here (it would need its own chain).
     */
    private static <S> Topology partitioned(TopologySettings settings, ModelHandle<S> model, StreamListener listener) {
        Topology t = new Topology();
        NodePartitioner byNode = new NodePartitioner();
        ByteArraySerializer bytes = new ByteArraySerializer();
        t.addSource("interactions-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                settings.interactionsTopic());
        t.addProcessor("validate", () -> new ValidateProcessor(settings.maxRecordBytes(), listener, SourceRouter.NAME),
                "interactions-source");
        t.addProcessor(SourceRouter.NAME, SourceRouter::new, "validate");
        t.addSink(SourceRouter.BY_SOURCE_SINK, settings.bySourceTopic(), bytes, bytes, byNode, SourceRouter.NAME);

        t.addSource("chain-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.bySourceTopic(),
                settings.asksTopic(), settings.answersTopic());
        t.addProcessor(OwnerProcessor.NAME, () -> new OwnerProcessor<>(model, settings, listener), "chain-source");
        t.addSink(OwnerProcessor.ASKS_SINK, settings.asksTopic(), bytes, bytes, byNode, OwnerProcessor.NAME);
        t.addSink(OwnerProcessor.ANSWERS_SINK, settings.answersTopic(), bytes, bytes, byNode, OwnerProcessor.NAME);
        t.addSink(EngineProcessor.PREDICTIONS_SINK, settings.predictionsTopic(), bytes, bytes, OwnerProcessor.NAME);
        // a sink of its own for each sub-topology: a sink shared by both would merge them into one
        t.addSink(ValidateProcessor.DLQ_SINK, settings.deadLetterTopic(), bytes, bytes, "validate");
        t.addSink(OwnerProcessor.DLQ_SINK, settings.deadLetterTopic(), bytes, bytes, OwnerProcessor.NAME);
        t.addStateStore(nodeStates(settings, listener), OwnerProcessor.NAME);
        t.addStateStore(NodeStores.inMemory(TopologySettings.BATCH_BUFFER_STORE), OwnerProcessor.NAME);
        t.addStateStore(NodeStores.persistent(TopologySettings.EXTERNAL_IDS_STORE), OwnerProcessor.NAME);
        return t;
    }

    /** The served models' node states, whose cache reads (the stream's and the queries') go to {@code listener}. */
    private static StoreBuilder<DecodedNodeStore> nodeStates(TopologySettings settings, StreamListener listener) {
        return NodeStores.nodeStates(TopologySettings.NODE_STATE_STORE, settings.stateCacheNodes(),
                listener::stateCacheReads);
    }

    private static <R> BaselineYardstick<R> yardstickOf(StreamModel<R> baseline) {
        return new BaselineYardstick<>(baseline);
    }
}
