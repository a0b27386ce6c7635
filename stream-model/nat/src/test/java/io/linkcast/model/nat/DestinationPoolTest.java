package io.linkcast.model.nat;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.SequencedEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two negative pools of NAT training: the destinations seen so far, or every destination of the split. */
class DestinationPoolTest {

    @Test
    void shouldDrawOnlySeenDestinationsUnlessTheSplitWasAddedFirst() {
        List<SequencedEvent> split = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            split.add(new SequencedEvent(i, new Interaction("s", "d" + i, 1, 1000 + i, i, 0, Double.NaN, null)));
        }
        List<SequencedEvent> firstBatch = split.subList(0, 10);

        DestinationPool seen = new DestinationPool(7);
        Set<Long> drawnSeen = new HashSet<>();
        for (int k = 0; k < 50; k++) {
            for (long w : seen.negativesFor(firstBatch)) {
                drawnSeen.add(w);
            }
        }
        assertThat(drawnSeen).allSatisfy(w -> assertThat(w).isBetween(1000L, 1009L));

        DestinationPool whole = new DestinationPool(7);
        whole.addAll(split);
        Set<Long> drawnWhole = new HashSet<>();
        for (int k = 0; k < 50; k++) {
            for (long w : whole.negativesFor(firstBatch)) {
                drawnWhole.add(w);
            }
        }
        // destinations that appear only later in the split, whose states are still empty at the first batch
        assertThat(drawnWhole).anySatisfy(w -> assertThat(w).isGreaterThan(1009L));
    }
}
