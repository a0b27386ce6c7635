package io.linkcast.model.semba;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NonEdgeSamplerTest {

    @Test
    void shouldDrawSeenDestinationsOtherThanTheEndpointsReproducibly() {
        NonEdgeSampler a = new NonEdgeSampler(3, 1);
        NonEdgeSampler b = new NonEdgeSampler(3, 1);
        assertThat(a.sample(0, 1, 2)).isEqualTo(-1);
        for (long d = 10; d < 20; d++) {
            a.observe(d);
            b.observe(d);
        }
        a.observe(10);
        Set<Long> drawn = new HashSet<>();
        for (long seq = 0; seq < 500; seq++) {
            long w = a.sample(seq, 10, 11);
            assertThat(w).isEqualTo(b.sample(seq, 10, 11));
            if (w >= 0) {
                assertThat(w).isBetween(12L, 19L);
                drawn.add(w);
            }
        }
        assertThat(drawn).hasSize(8);
        NonEdgeSampler otherEpoch = new NonEdgeSampler(3, 2);
        for (long d = 10; d < 20; d++) {
            otherEpoch.observe(d);
        }
        int same = 0;
        for (long seq = 0; seq < 100; seq++) {
            same += a.sample(seq, 0, 1) == otherEpoch.sample(seq, 0, 1) ? 1 : 0;
        }
        assertThat(same).isLessThan(40);
    }
}
