package io.linkcast.model.semba;

import static io.linkcast.state.compact.StatePrecision.COMPACT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.linkcast.state.semba.SembaHistory;
import io.linkcast.state.semba.SembaNeighbour;
import io.linkcast.state.semba.SembaNodeState;
import java.util.List;
import org.junit.jupiter.api.Test;

class SembaHistoryFeaturesTest {
    private static final float[] SNAP = new float[2];

    @Test
    void shouldComputeTheDocumentedFeaturesFromBothRecords() {
        // s (id 1) rated 3 times (1 negative, ratings 5, -4, 2) and was rated once, negatively (-3); last event at 100
        SembaNodeState s = new SembaNodeState(new float[] {0}, new float[] {0}, 50, new SembaHistory(3, 1, 1, 1, 3, -3),
                List.of(new SembaNeighbour(2, 50, -1, SembaNeighbour.IN, -3f, SNAP, COMPACT),
                        new SembaNeighbour(2, 100, 1, SembaNeighbour.OUT, 2f, SNAP, COMPACT)));
        // d (id 2) was rated twice (ratings -3 from elsewhere... as counted) and rated once; last event at 40
        SembaNodeState d = new SembaNodeState(new float[] {0}, new float[] {0}, 10, new SembaHistory(1, 2, 1, 0, -3, 7),
                List.of(new SembaNeighbour(9, 40, 1, SembaNeighbour.IN, 7f, SNAP, COMPACT)));
        float[] f = SembaHistoryFeatures.of(1, s, 2, d, 100 + Math.expm1(10), 0.1);
        assertThat(f[0]).isCloseTo((float) Math.log(4), within(1e-6f));   // log(1 + 3)
        assertThat(f[1]).isCloseTo(0.25f, within(1e-6f));                  // 1 / (3 + 1)
        assertThat(f[2]).isCloseTo(0.1f, within(1e-6f));                   // 0.1 * 3 / 3
        assertThat(f[3]).isCloseTo((float) Math.log(3), within(1e-6f));   // log(1 + 2)
        assertThat(f[4]).isZero();                                          // 0 / (2 + 1)
        assertThat(f[5]).isCloseTo(0.35f, within(1e-6f));                  // 0.1 * 7 / 2
        assertThat(f[6]).isEqualTo(1f);                                     // s -> d was +1 (at 100)
        assertThat(f[7]).isEqualTo(-1f);                                    // d -> s was -1 (at 50)
        assertThat(f[8]).isCloseTo((float) Math.log(2), within(1e-6f));   // log(1 + 1)
        assertThat(f[9]).isCloseTo(0.5f, within(1e-6f));                   // 1 / (1 + 1)
        assertThat(f[10]).isCloseTo((float) Math.log(2), within(1e-6f));
        assertThat(f[11]).isCloseTo(0.5f, within(1e-6f));
        assertThat(f[12]).isCloseTo(1.0f, within(1e-5f));                  // log1p(expm1(10)) / 10
        assertThat(f[13]).isCloseTo((float) (Math.log1p(60 + Math.expm1(10)) / 10), within(1e-5f));
    }

    @Test
    void shouldReadThePairFromTheOtherRecordAndZeroForStrangers() {
        SembaNodeState empty = SembaNodeState.empty(1, true);
        SembaNodeState d = new SembaNodeState(new float[] {0}, new float[] {0}, Double.NaN, new SembaHistory(0, 1, 0, 1, 0, -1),
                List.of(new SembaNeighbour(1, 5, -1, SembaNeighbour.IN, Float.NaN, SNAP, COMPACT)));
        float[] f = SembaHistoryFeatures.of(1, empty, 2, d, 5, 0.1);
        assertThat(f[6]).isEqualTo(-1f);  // d's list says 1 rated it negatively
        assertThat(f[7]).isZero();
        assertThat(f[12]).isZero();        // s has no events
        float[] none = SembaHistoryFeatures.of(1, empty, 3, empty, 5, 0.1);
        assertThat(none).containsOnly(0f);
    }
}
