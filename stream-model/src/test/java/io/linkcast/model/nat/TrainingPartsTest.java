package io.linkcast.model.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.model.engine.SequencedEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The small pieces of the trainer: average precision and the negative sampler. */
class TrainingPartsTest {

    @Test
    void shouldComputeAveragePrecisionAsWorkedOutByHand() {
        // positives at ranks 1 and 3: (1/1 + 2/3) / 2
        assertThat(AveragePrecision.of(new float[] {0.9f, 0.8f, 0.7f, 0.6f}, new boolean[] {true, false, true, false}))
                .isCloseTo(5.0 / 6.0, org.assertj.core.data.Offset.offset(1e-12));
        // a tie at the top counts as one threshold: recall 1/2 at precision 1/2, then 1 at 2/3
        assertThat(AveragePrecision.of(new float[] {0.5f, 0.5f, 0.2f}, new boolean[] {true, false, true}))
                .isCloseTo(0.5 * 0.5 + 0.5 * 2.0 / 3.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(AveragePrecision.of(new float[] {0.1f, 0.9f}, new boolean[] {false, true})).isEqualTo(1.0);
        assertThat(AveragePrecision.of(new float[] {0.1f}, new boolean[] {false})).isNaN();
        assertThatThrownBy(() -> AveragePrecision.of(new float[] {Float.NaN}, new boolean[] {true}))
                .hasMessageContaining("NaN");
    }

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
