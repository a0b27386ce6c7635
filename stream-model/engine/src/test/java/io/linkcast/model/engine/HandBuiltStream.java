package io.linkcast.model.engine;

import io.linkcast.ingest.Interaction;
import io.linkcast.state.InMemoryNodeStateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A stream small enough to explain by hand, for the models' explanation tests. */
public final class HandBuiltStream {
    private HandBuiltStream() {
    }

    /** 1 and 2 both rated 3 and 4 (1 distrusts 4), and 5 rated only 6. */
    public static List<SequencedEvent> stream() {
        String[][] events = {{"1", "3", "1"}, {"2", "3", "1"}, {"1", "4", "-1"}, {"2", "4", "1"}, {"5", "6", "1"}};
        List<SequencedEvent> out = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            out.add(new SequencedEvent(i, Interaction.of(events[i][0], events[i][1], 100 + i,
                    Integer.parseInt(events[i][2]), Integer.parseInt(events[i][2]), "e" + i)));
        }
        return out;
    }

    /** The model's explanation of {@code src → dst} at t = 200, after the stream. */
    public static <S> Map<String, Object> explain(StreamModel<S> model, long src, long dst) {
        InMemoryNodeStateStore<S> store = new InMemoryNodeStateStore<>();
        new MicroBatchEngine<>(model, store).process(stream());
        List<S> states = store.getAll(new long[] {src, dst});
        return model.explain(new Query(src, dst, 200), states.get(0), states.get(1));
    }

}
