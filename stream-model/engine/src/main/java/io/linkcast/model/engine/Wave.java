package io.linkcast.model.engine;

import java.util.List;

/**
 * Events in which no node appears twice (a self-loop counts once), with the state of each endpoint after
 * every earlier event of the stream. Lists are aligned with {@code events}.
 *
 * <p>For a self-loop, {@code srcStates.get(i)} and {@code dstStates.get(i)} are the same state.
 */
public record Wave<S>(List<SequencedEvent> events, List<S> srcStates, List<S> dstStates) {
    public Wave {
        if (events.size() != srcStates.size() || events.size() != dstStates.size()) {
            throw new IllegalArgumentException("wave lists differ in size: " + events.size() + "/"
                    + srcStates.size() + "/" + dstStates.size());
        }
        events = List.copyOf(events);
    }

    public int size() {
        return events.size();
    }
}
