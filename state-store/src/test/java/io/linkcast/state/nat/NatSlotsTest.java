package io.linkcast.state.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NatSlotsTest {
    private static float[] floats(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    @Test
    void shouldCopyASnapshotFromAnotherSlotAsWritingItWouldStoreIt() {
        SplittableRandom rnd = new SplittableRandom(5);
        NatSlots.Editor source = NatSlots.empty(4, 2, 6).edit();
        for (int slot = 0; slot < 4; slot++) {
            source.write(slot, 100 + slot, slot, 10.0 * slot, floats(rnd, 2), floats(rnd, 6));
        }
        NatSlots from = source.freeze();
        float[] value = floats(rnd, 2);
        NatSlots copied = NatSlots.empty(8, 2, 6).edit().writeCopy(5, 102, 7, 3.5, value, from, 2).freeze();
        NatSlots written = NatSlots.empty(8, 2, 6).edit().write(5, 102, 7, 3.5, value, from.snapshotOf(2)).freeze();
        assertThat(copied).isEqualTo(written);
        assertThat(copied.snapshotOf(5)).containsExactly(from.snapshotOf(2));
    }

    @Test
    void shouldRefuseToCopyASnapshotOfAnotherWidth() {
        NatSlots narrow = NatSlots.empty(2, 2, 3).edit().write(0, 1, 1, 1, new float[2], new float[3]).freeze();
        assertThatThrownBy(() -> NatSlots.empty(2, 2, 6).edit().writeCopy(0, 1, 1, 1, new float[2], narrow, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 floats");
    }
}
