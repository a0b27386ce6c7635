package io.linkcast.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A heap-backed store: the trainer's and the evaluator's, and the reference for the contract tests. */
public final class InMemoryNodeStateStore<S> implements NodeStateStore<S> {
    private final Map<Long, S> states = new HashMap<>();

    @Override
    public List<S> getAll(long[] ids) {
        List<S> out = new ArrayList<>(ids.length);
        for (long id : ids) {
            out.add(states.get(id));
        }
        return out;
    }

    /** Stores the batch; a null state deletes the node, as in the Kafka-backed store. */
    @Override
    public void putAll(long[] ids, List<S> values) {
        if (ids.length != values.size()) {
            throw new IllegalArgumentException("ids and states differ in length: " + ids.length + "/" + values.size());
        }
        for (int i = 0; i < ids.length; i++) {
            S value = values.get(i);
            if (value == null) {
                states.remove(ids[i]);
            } else {
                states.put(ids[i], value);
            }
        }
    }

    @Override
    public long approximateSize() {
        return states.size();
    }

    /** Forgets every node (a new training epoch starts from empty state). */
    public void clear() {
        states.clear();
    }
}
