package io.linkcast.state.semba;

import static io.linkcast.state.compact.StatePrecision.COMPACT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SembaNodeStateTest {

    private static SembaNeighbour entry(long node, double t) {
        return new SembaNeighbour(node, t, 1, SembaNeighbour.OUT, 2f, new float[] {1f, 2f}, COMPACT);
    }

    @Test
    void shouldKeepOnlyTheNewestEntriesWhenTheListIsFull() {
        List<SembaNeighbour> list = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            list.add(entry(i, i));
        }
        SembaNodeState s = new SembaNodeState(new float[] {0f}, new float[] {0f}, Double.NaN, SembaHistory.EMPTY, list);
        List<SembaNeighbour> next = s.neighboursWith(entry(9, 9), 3);
        assertThat(next).extracting(SembaNeighbour::node).containsExactly(1L, 2L, 9L);
        assertThat(s.neighboursWith(entry(9, 9), 10)).extracting(SembaNeighbour::node).containsExactly(0L, 1L, 2L, 9L);
        assertThat(s.neighboursWith(entry(9, 9), 1)).extracting(SembaNeighbour::node).containsExactly(9L);
        assertThat(s.neighbours()).hasSize(3);
    }

    @Test
    void shouldCompareArraysByValue() {
        SembaNodeState a = new SembaNodeState(new float[] {1f, 2f}, new float[0], 3.0, SembaHistory.EMPTY,
                List.of(new SembaNeighbour(1, 1, 1, 1, Float.NaN, new float[] {5f, 6f}, COMPACT)));
        SembaNodeState b = new SembaNodeState(new float[] {1f, 2f}, new float[0], 3.0, SembaHistory.EMPTY,
                List.of(new SembaNeighbour(1, 1, 1, 1, Float.NaN, new float[] {5f, 6f}, COMPACT)));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new SembaNodeState(new float[] {1f, 2.5f}, new float[0], 3.0,
                SembaHistory.EMPTY, List.of()));
    }

    @Test
    void shouldJoinBothMemoriesInTheSnapshot() {
        SembaNodeState s = new SembaNodeState(new float[] {1f, 2f}, new float[] {3f, 4f}, Double.NaN,
                SembaHistory.EMPTY, List.of());
        assertThat(s.memorySnapshot()).containsExactly(1f, 2f, 3f, 4f);
        assertThat(s.memoryWidth()).isEqualTo(4);
        assertThat(s.hasEvents()).isFalse();
        assertThatThrownBy(s::newest).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectInconsistentDimensionsWithTheBadValue() {
        assertThatThrownBy(() -> new SembaNodeState(new float[2], new float[3], 0, SembaHistory.EMPTY, List.of()))
                .hasMessageContaining("got 3");
        assertThatThrownBy(() -> new SembaNodeState(new float[2], new float[2], 0, SembaHistory.EMPTY,
                List.of(entry(1, 1)))).hasMessageContaining("snapshot must have 4 floats, got 2");
        assertThatThrownBy(() -> new SembaNodeState(new float[0], new float[0], 0, SembaHistory.EMPTY, List.of()))
                .hasMessageContaining("[1, 65535], got 0");
        assertThatThrownBy(() -> new SembaHistory(1, 0, 2, 0, 0, 0)).hasMessageContaining("got 2");
        assertThatThrownBy(() -> new SembaNeighbour(1, 1, 1, 0, 1f, new float[1], COMPACT))
                .hasMessageContaining("got 0");
    }

    @Test
    void shouldCountNegativesAndRatingsPerRole() {
        SembaHistory h = SembaHistory.EMPTY.plusGiven(-1, -5).plusGiven(1, 3).plusReceived(-1, -2).plusReceived(0, 0);
        assertThat(h).isEqualTo(new SembaHistory(2, 2, 1, 1, -2.0, -2.0));
    }
}
