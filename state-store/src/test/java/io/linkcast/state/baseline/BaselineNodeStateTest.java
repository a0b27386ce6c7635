package io.linkcast.state.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineNodeStateTest {

    private static List<Long> ids(BaselineNodeState s) {
        return s.partners().stream().map(PartnerEntry::partner).toList();
    }

    @Test
    void shouldStartEmptyWithNaNTime() {
        BaselineNodeState s = BaselineNodeState.empty(BaselineNodeState.DEFAULT_CAPACITY);
        assertThat(s.lastTime()).isNaN();
        assertThat(s.events()).isZero();
        assertThat(s.outPositive() + s.outNegative() + s.inPositive() + s.inNegative()).isZero();
        assertThat(s.capacity()).isEqualTo(32);
        assertThat(s.partners()).isEmpty();
        assertThat(s.partner(1)).isNull();
    }

    @Test
    void shouldRejectCapacityOutsideRange() {
        assertThatThrownBy(() -> BaselineNodeState.empty(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..1024").hasMessageContaining("got 0");
        assertThatThrownBy(() -> BaselineNodeState.empty(1025)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 1025");
        assertThat(BaselineNodeState.empty(1).capacity()).isEqualTo(1);
        assertThat(BaselineNodeState.empty(1024).capacity()).isEqualTo(1024);
    }

    @Test
    void shouldCountSignedEventsBySide() {
        BaselineNodeState s = BaselineNodeState.empty(4)
                .withOutgoing(7, 1.0, +1)
                .withIncoming(3, 2.0, -1)
                .withOutgoing(8, 3.0, 0)
                .withOutgoing(9, 4.0, -1)
                .withIncoming(3, 5.0, +1)
                .withIncoming(4, 6.0, 0)
                .withIncoming(4, 7.0, -1);
        assertThat(s.events()).isEqualTo(7);
        assertThat(s.outPositive()).isEqualTo(1);
        assertThat(s.outNegative()).isEqualTo(1);
        assertThat(s.inPositive()).isEqualTo(1);
        assertThat(s.inNegative()).isEqualTo(2);
        assertThat(s.lastTime()).isEqualTo(7.0);
        // incoming events never touch the partner list
        assertThat(ids(s)).containsExactly(9L, 8L, 7L);
        assertThat(s.partner(8)).isEqualTo(new PartnerEntry(8, 3.0, 0, 1));
        assertThat(s.partner(3)).isNull();
    }

    @Test
    void shouldMoveRepeatedPartnerToFrontAndEvictLeastRecent() {
        BaselineNodeState s = BaselineNodeState.empty(3)
                .withOutgoing(1, 1.0, +1)
                .withOutgoing(2, 2.0, +1)
                .withOutgoing(3, 3.0, +1);
        assertThat(ids(s)).containsExactly(3L, 2L, 1L);

        s = s.withOutgoing(1, 4.0, 0);
        assertThat(ids(s)).containsExactly(1L, 3L, 2L);
        // unsigned event keeps the previous sign
        assertThat(s.partner(1)).isEqualTo(new PartnerEntry(1, 4.0, +1, 2));

        s = s.withOutgoing(4, 5.0, -1);
        // 2 was the least recent
        assertThat(ids(s)).containsExactly(4L, 1L, 3L);
        assertThat(s.partner(2)).isNull();

        s = s.withOutgoing(3, 6.0, -1);
        assertThat(ids(s)).containsExactly(3L, 4L, 1L);
        assertThat(s.partner(3)).isEqualTo(new PartnerEntry(3, 6.0, -1, 2));

        s = s.withOutgoing(3, 7.0, 0);
        assertThat(ids(s)).containsExactly(3L, 4L, 1L);
        assertThat(s.partner(3)).isEqualTo(new PartnerEntry(3, 7.0, -1, 3));

        s = s.withOutgoing(2, 8.0, 0);
        // re-inserted after eviction: a fresh entry, count 1, no sign
        assertThat(ids(s)).containsExactly(2L, 3L, 4L);
        assertThat(s.partner(2)).isEqualTo(new PartnerEntry(2, 8.0, 0, 1));
        assertThat(s.events()).isEqualTo(8);
        assertThat(s.outPositive()).isEqualTo(3);
        assertThat(s.outNegative()).isEqualTo(2);
    }

    @Test
    void shouldKeepOnlyLatestPartnerAtCapacityOne() {
        BaselineNodeState s = BaselineNodeState.empty(1).withOutgoing(5, 1.0, +1).withOutgoing(6, 2.0, -1);
        assertThat(s.partners()).containsExactly(new PartnerEntry(6, 2.0, -1, 1));
        s = s.withOutgoing(6, 3.0, +1);
        assertThat(s.partners()).containsExactly(new PartnerEntry(6, 3.0, +1, 2));
    }

    @Test
    void shouldApplySelfLoopAsOutgoingThenIncoming() {
        BaselineNodeState s = BaselineNodeState.empty(4).withOutgoing(5, 10.0, -1).withIncoming(5, 10.0, -1);
        assertThat(s.events()).isEqualTo(2);
        assertThat(s.outNegative()).isEqualTo(1);
        assertThat(s.inNegative()).isEqualTo(1);
        assertThat(s.outPositive() + s.inPositive()).isZero();
        assertThat(s.lastTime()).isEqualTo(10.0);
        assertThat(s.partners()).containsExactly(new PartnerEntry(5, 10.0, -1, 1));
    }

    @Test
    void shouldApplyLateEventInArrivalOrder() {
        BaselineNodeState s = BaselineNodeState.empty(4).withOutgoing(1, 10.0, +1).withOutgoing(2, 5.0, +1);
        assertThat(s.lastTime()).isEqualTo(5.0);
        // arrival order, not time order, decides recency
        assertThat(s.partners()).containsExactly(new PartnerEntry(2, 5.0, +1, 1), new PartnerEntry(1, 10.0, +1, 1));
        s = s.withOutgoing(1, 7.0, 0);
        assertThat(s.partner(1)).isEqualTo(new PartnerEntry(1, 7.0, +1, 2));
        assertThat(s.withIncoming(9, 3.0, 0).lastTime()).isEqualTo(3.0);
    }

    @Test
    void shouldLeaveOriginalUntouched() {
        BaselineNodeState before = BaselineNodeState.empty(2).withOutgoing(1, 1.0, +1);
        BaselineNodeState after = before.withOutgoing(2, 2.0, -1).withIncoming(3, 3.0, +1);
        assertThat(before.events()).isEqualTo(1);
        assertThat(before.lastTime()).isEqualTo(1.0);
        assertThat(ids(before)).containsExactly(1L);
        assertThat(ids(after)).containsExactly(2L, 1L);
        assertThatThrownBy(() -> after.partners().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldRejectBadSignAndTime() {
        BaselineNodeState s = BaselineNodeState.empty(2);
        assertThatThrownBy(() -> s.withOutgoing(1, 1.0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 2");
        assertThatThrownBy(() -> s.withIncoming(1, 1.0, -3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -3");
        assertThatThrownBy(() -> s.withOutgoing(1, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> s.withIncoming(1, Double.POSITIVE_INFINITY, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    }

    @Test
    void shouldCompareByValue() {
        BaselineNodeState a = BaselineNodeState.empty(3).withOutgoing(1, 1.0, +1).withIncoming(2, 2.0, -1);
        BaselineNodeState b = BaselineNodeState.empty(3).withOutgoing(1, 1.0, +1).withIncoming(2, 2.0, -1);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).isEqualTo(b.toString()).contains("events=2", "inNegative=1");
        assertThat(BaselineNodeState.empty(3)).isEqualTo(BaselineNodeState.empty(3))
                .isNotEqualTo(BaselineNodeState.empty(4));
        assertThat(a).isNotEqualTo(b.withIncoming(2, 2.0, 0));
        assertThat(a).isNotEqualTo(BaselineNodeState.empty(3).withOutgoing(1, 1.0, -1).withIncoming(2, 2.0, -1));
    }

    @Test
    void shouldRejectInconsistentFields() {
        PartnerEntry p = new PartnerEntry(1, 1.0, 1, 1);
        assertThatThrownBy(() -> BaselineNodeState.of(1.0, 2, 0, 0, 0, 0, 3, List.of(p, p)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partner 1 appears twice");
        assertThatThrownBy(() -> BaselineNodeState.of(1.0, 2, 0, 0, 0, 0, 1,
                List.of(p, new PartnerEntry(2, 1.0, 0, 1)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity is 1");
        assertThatThrownBy(() -> BaselineNodeState.of(1.0, -1, 0, 0, 0, 0, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events=-1");
        assertThatThrownBy(() -> new PartnerEntry(1, 1.0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }
}
