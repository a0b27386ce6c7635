package io.linkcast.serving.topology;

import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.Query;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.state.DecodedNodeStore;
import io.linkcast.state.NodeStateStore;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;

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
    private DecodedNodeStore store;
    private NodeStateStore<R> nodes;

    BaselineYardstick(StreamModel<R> model) {
        this.model = model;
    }

    /** Opens the store's view; called from the processor's init, again after a dirty close or a recycling. */
    void init(ProcessorContext<?, ?> context) {
        this.store = context.getStateStore(TopologySettings.BASELINE_STATE_STORE);
        this.nodes = store.states(model.codec());
    }

    /** From the processor's close: the task may become a standby, whose updates go below the cache. */
    void close() {
        if (store != null) {
            store.dropCache();
        }
    }

    /** The baseline's predictions for the events and its scores for their negatives, then its states move on. */
    MicroBatchEngine.BatchResult process(List<SequencedEvent> events, List<Query> negatives) {
        return new MicroBatchEngine<>(model, nodes).process(events, negatives);
    }
}
