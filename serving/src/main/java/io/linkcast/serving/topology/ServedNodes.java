package io.linkcast.serving.topology;

import io.linkcast.model.engine.StreamModel;
import io.linkcast.state.DecodedNodeStore;
import io.linkcast.state.NodeKeys;
import io.linkcast.state.NodeStateStore;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's node states as a processor reads and writes them: the node store's view in the codec of the model serving
 * now (its decoded-state cache in front, shared with the queries), and the reverse dictionary of hashed ids. A hot
 * swap reopens the view with the replacement's codec, and the states its predecessor cached go.
 *
 * @param <S> the model's per-node state
 */
final class ServedNodes<S> {
    private final DecodedNodeStore nodeStore;
    private final KeyValueStore<Bytes, byte[]> externalIds;
    private NodeStateStore<S> nodes;
    /** The model whose codec {@link #nodes} reads and writes with. */
    private StreamModel<S> model;

    /**
     * Opened from a processor's init: Kafka Streams calls it again after a dirty close, and when it recycles a standby
     * into this active task, whose store RocksDB's restoration updated below the cache (opening the view empties it).
     */
    ServedNodes(ProcessorContext<?, ?> context, StreamModel<S> current) {
        this.nodeStore = context.getStateStore(TopologySettings.NODE_STATE_STORE);
        this.externalIds = context.getStateStore(TopologySettings.EXTERNAL_IDS_STORE);
        open(current);
    }

    /** The states in {@code current}'s codec, reopened if a swap replaced the model since the last call. */
    NodeStateStore<S> of(StreamModel<S> current) {
        if (current != model) {
            open(current);
        }
        return nodes;
    }

    /** Integer ids are their own external form; only hashed ids need the reverse dictionary. */
    void rememberExternal(long id, String key) {
        if (id < 0) {
            externalIds.putIfAbsent(NodeKeys.toKey(id), key.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** From the processor's close: the task may become a standby, whose updates go below the cache. */
    void close() {
        nodeStore.dropCache();
    }

    private void open(StreamModel<S> m) {
        nodes = nodeStore.states(m.codec());
        model = m;
    }
}
