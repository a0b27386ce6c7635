package io.linkcast.state.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatePrecisionTest {

    @Test
    void shouldParseBothNamesAndNameThePropertyWhenWrong() {
        assertThat(StatePrecision.parse(" FP32 ")).isEqualTo(StatePrecision.FP32);
        assertThat(StatePrecision.parse("compact")).isEqualTo(StatePrecision.COMPACT);
        assertThatThrownBy(() -> StatePrecision.parse("fp16")).hasMessageContaining("linkcast.state.precision")
                .hasMessageContaining("fp16");
    }

    @Test
    void shouldRoundDenseVectorsToHalvesOnlyWhenCompact() {
        float[] v = {0.1f, 1f, -0f};
        float[] c = StatePrecision.COMPACT.dense(v);
        assertThat(c).containsExactly(Half.round(0.1f), 1f, -0f);
        assertThat(c).isNotSameAs(v);
        assertThat(v[0]).isEqualTo(0.1f);
        assertThat(StatePrecision.COMPACT.dense(c)).isSameAs(c);
        assertThat(StatePrecision.FP32.dense(v)).isSameAs(v);
        assertThat(StatePrecision.FP32.snapshot(v)).isSameAs(v);
        // a finite value beyond the half range keeps the whole vector in float32 rather than infinity
        float[] big = {1e6f, 0.1f};
        assertThat(StatePrecision.COMPACT.dense(big)).isSameAs(big);
    }

    @Test
    void shouldRoundRowsIndependently() {
        float[] v = {0.1f, 0.2f, 1e6f, 0.3f};
        float[] r = StatePrecision.COMPACT.denseRows(v, 2);
        assertThat(r).containsExactly(Half.round(0.1f), Half.round(0.2f), 1e6f, 0.3f);
    }
}
