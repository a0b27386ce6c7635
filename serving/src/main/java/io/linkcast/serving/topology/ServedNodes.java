package io.linkcast.serving.topology;

import io.linkcast.model.engine.StreamModel;
import io.linkcast.state.CachedNodeStateStore;
import io.linkcast.state.KeyValueNodeStateStore;
import io.linkcast.state.NodeKeys;
import io.linkcast.state.NodeStateStore;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's node states as a processor reads and writes them: the node store in the codec of the model serving now,
 * with the decoded-state cache in front, and the reverse dictionary of hashed ids. A hot swap reopens the store with
 * the replacement's codec, and the states its predecessor cached go; the cache's counts stay cumulative.
 *
 * @param <S> the model's per-node state
 */
final class ServedNodes<S> {
    private final KeyValueStore<Bytes, byte[]> nodeStore;
    private final KeyValueStore<Bytes, byte[]> externalIds;
    private final int cacheNodes;
    private NodeStateStore<S> nodes;
    /** The model whose codec {@link #nodes} reads and writes with. */
    private StreamModel<S> model;
    /** Cache reads of the caches a hot swap dropped. */
    private long droppedHits;
    private long droppedMisses;

    /** Opened from a processor's init: after a dirty close Kafka Streams calls init again on a restored store. */
    ServedNodes(ProcessorContext<?, ?> context, int cacheNodes, StreamModel<S> current) {
        this.nodeStore = context.getStateStore(TopologySettings.NODE_STATE_STORE);
        this.externalIds = context.getStateStore(TopologySettings.EXTERNAL_IDS_STORE);
        this.cacheNodes = cacheNodes;
        open(current);
    }

    /** The states in {@code current}'s codec, reopened if a swap replaced the model since the last call. */
    NodeStateStore<S> of(StreamModel<S> current) {
        if (current != model) {
            open(current);
        }
        return nodes;
    }

    /** Reports the cache's reads so far, when there is a cache. */
    void reportCache(StreamListener listener) {
        if (nodes instanceof CachedNodeStateStore<S> cache) {
            listener.stateCache(droppedHits + cache.hits(), droppedMisses + cache.misses());
        }
    }

    /** Integer ids are their own external form; only hashed ids need the reverse dictionary. */
    void rememberExternal(long id, String key) {
        if (id < 0) {
            externalIds.putIfAbsent(NodeKeys.toKey(id), key.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void open(StreamModel<S> m) {
        if (nodes instanceof CachedNodeStateStore<S> cache) {
            droppedHits += cache.hits();
            droppedMisses += cache.misses();
        }
        NodeStateStore<S> stored = new KeyValueNodeStateStore<>(nodeStore, m.codec());
        nodes = cacheNodes > 0 ? new CachedNodeStateStore<>(stored, cacheNodes) : stored;
        model = m;
    }
}
