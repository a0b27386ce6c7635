package io.linkcast.model.nat;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.model.engine.SequencedEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The small pieces of the trainer: the negative sampler. */
class TrainingPartsTest {

    @Test
    void shouldDrawNegativesFromDestinationsSeenSoFarDeterministically() {
        List<SequencedEvent> events = NatTestSupport.syntheticStream(3, 300, 50);
        long[] a = new DestinationPool(9).negativesFor(events);
        long[] b = new DestinationPool(9).negativesFor(events);
        long[] c = new DestinationPool(10).negativesFor(events);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        // the first event can only draw its own destination
        assertThat(a[0]).isEqualTo(events.get(0).event().dst());
        Set<Long> seen = new HashSet<>();
        Set<Long> drawn = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            seen.add(events.get(i).event().dst());
            assertThat(seen).contains(a[i]);
            drawn.add(a[i]);
        }
        // uniform over the pool: most destinations get drawn at least once
        assertThat(drawn.size()).isGreaterThan(seen.size() / 2);
        // cutting the stream into batches does not change the draws
        DestinationPool batched = new DestinationPool(9);
        long[] first = batched.negativesFor(events.subList(0, 100));
        long[] rest = batched.negativesFor(events.subList(100, 300));
        assertThat(first).containsExactly(java.util.Arrays.copyOfRange(a, 0, 100));
        assertThat(rest).containsExactly(java.util.Arrays.copyOfRange(a, 100, 300));
    }
}
