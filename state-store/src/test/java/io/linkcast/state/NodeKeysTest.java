package io.linkcast.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class NodeKeysTest {

    @Test
    void shouldWriteBigEndianEightBytes() {
        assertThat(NodeKeys.toKey(0x0102030405060708L).get()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(NodeKeys.toKey(-1L).get()).containsOnly(0xff).hasSize(8);
        assertThat(NodeKeys.toKey(256L).get()).containsExactly(0, 0, 0, 0, 0, 0, 1, 0);
    }

    @Test
    void shouldRoundTripAndKeepOrderOfNonNegativeIds() {
        long[] ids = {0, 1, 255, 256, 65_535, 1L << 40, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        for (long id : ids) {
            assertThat(NodeKeys.fromKey(NodeKeys.toKey(id))).isEqualTo(id);
        }
        assertThat(NodeKeys.toKey(255)).isLessThan(NodeKeys.toKey(256));
        assertThat(NodeKeys.toKey(1L << 40)).isLessThan(NodeKeys.toKey(Long.MAX_VALUE));
        assertThat(NodeKeys.toKey(42)).isEqualTo(NodeKeys.toKey(42));
    }

    @Test
    void shouldRejectKeyOfWrongLength() {
        assertThatThrownBy(() -> NodeKeys.fromKey(Bytes.wrap(new byte[7])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 bytes, got 7");
    }
}
