package io.linkcast.model.baseline;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.state.InMemoryNodeStateStore;
import java.util.ArrayList;
import java.util.List;

/** Runs a model event by event through the engine (the served path). */
final class BaselineFixtures {
    private BaselineFixtures() {
    }

    static <S> List<ModelOutput> run(StreamModel<S> model, List<Interaction> events) {
        return run(new MicroBatchEngine<>(model, new InMemoryNodeStateStore<>()), events);
    }

    static <S> List<ModelOutput> run(MicroBatchEngine<S> engine, List<Interaction> events) {
        List<ModelOutput> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            out.addAll(engine.process(List.of(new SequencedEvent(i, events.get(i)))));
        }
        return out;
    }

    static List<SequencedEvent> sequenced(List<Interaction> events) {
        List<SequencedEvent> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            out.add(new SequencedEvent(i, events.get(i)));
        }
        return out;
    }
}
