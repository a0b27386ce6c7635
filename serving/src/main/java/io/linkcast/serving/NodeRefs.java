package io.linkcast.serving;

import io.linkcast.model.engine.NodeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link NodeRef}s in a model's explanation (nested maps and lists), found and replaced by external ids. */
final class NodeRefs {
    private NodeRefs() {
    }

    /** The internal ids of the {@link NodeRef}s in {@code value}, each once, in the order first met. */
    static Set<Long> collect(Object value) {
        Set<Long> ids = new LinkedHashSet<>();
        collect(value, ids);
        return ids;
    }

    private static void collect(Object value, Set<Long> ids) {
        if (value instanceof NodeRef ref) {
            ids.add(ref.id());
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, ids));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, ids));
        }
    }

    /** A copy of {@code value} with each {@link NodeRef} replaced by its name in {@code external}. */
    @SuppressWarnings("unchecked")
    static <T> T named(T value, Map<Long, String> external) {
        if (value instanceof NodeRef ref) {
            return (T) external.get(ref.id());
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, named(v, external)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(named(v, external)));
            return (T) out;
        }
        return value;
    }
}
