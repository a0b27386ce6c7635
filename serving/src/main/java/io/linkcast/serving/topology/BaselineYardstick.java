package io.linkcast.serving.topology;

import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.state.CachedNodeStateStore;
import io.linkcast.state.KeyValueNodeStateStore;
import io.linkcast.state.NodeStateStore;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A baseline predictor run beside the served model over the same events and the same live negatives, so
 * that the models' live quality can be read against the baseline's on identical pairs. It keeps its own node
 * states in their own changelogged store, so its figures survive a restart as the model's do; nothing
 * published and no model state depends on it.
 *
 * @param <R> the baseline's per-node state
 */
final class BaselineYardstick<R> {
    private final StreamModel<R> model;
    private NodeStateStore<R> nodes;

    BaselineYardstick(StreamModel<R> model) {
        this.model = model;
    }

    /** Opens the store; called from the processor's init, again after a dirty close. */
    void init(ProcessorContext<?, ?> context, int cacheNodes) {
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(TopologySettings.BASELINE_STATE_STORE);
        NodeStateStore<R> stored = new KeyValueNodeStateStore<>(store, model.codec());
        this.nodes = cacheNodes > 0 ? new CachedNodeStateStore<>(stored, cacheNodes) : stored;
    }

    /** The baseline's predictions for the events and its scores for their negatives, then its states move on. */
    MicroBatchEngine.BatchResult process(List<SequencedEvent> events, List<Query> negatives) {
        return new MicroBatchEngine<>(model, nodes).process(events, negatives);
    }
}
