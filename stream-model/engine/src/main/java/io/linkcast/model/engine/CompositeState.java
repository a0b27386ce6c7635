package io.linkcast.model.engine;

import java.util.List;

/** The states of several models for one node, in the composite's model order. */
public record CompositeState(List<Object> parts) {
    public CompositeState {
        parts = List.copyOf(parts);
    }

    public Object part(int i) {
        return parts.get(i);
    }
}
