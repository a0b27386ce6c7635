package io.linkcast.state.nat;

import static io.linkcast.state.compact.StatePrecision.COMPACT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.compact.Snapshot8;
import io.linkcast.state.compact.StatePrecision;
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
        NatSlots.Editor source = NatSlots.empty(4, 2, 6).edit(COMPACT);
        for (int slot = 0; slot < 4; slot++) {
            source.write(slot, 100 + slot, slot, 10.0 * slot, floats(rnd, 2), floats(rnd, 6));
        }
        NatSlots from = source.freeze();
        float[] value = floats(rnd, 2);
        NatSlots copied = NatSlots.empty(8, 2, 6).edit(COMPACT).writeCopy(5, 102, 7, 3.5, value, from, 2).freeze();
        NatSlots written = NatSlots.empty(8, 2, 6).edit(COMPACT).write(5, 102, 7, 3.5, value, from.snapshotOf(2))
                .freeze();
        assertThat(copied).isEqualTo(written);
        assertThat(copied.snapshotOf(5)).containsExactly(from.snapshotOf(2));
    }

    @Test
    void shouldRefuseToCopyASnapshotOfAnotherWidth() {
        NatSlots narrow = NatSlots.empty(2, 2, 3).edit(COMPACT).write(0, 1, 1, 1, new float[2], new float[3]).freeze();
        assertThatThrownBy(() -> NatSlots.empty(2, 2, 6).edit(COMPACT).writeCopy(0, 1, 1, 1, new float[2], narrow, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 floats");
    }

    @Test
    void shouldKeepEachSnapshotsCodeAsCodingTheSnapshotAnewWouldMakeIt() {
        for (StatePrecision precision : StatePrecision.values()) {
            SplittableRandom rnd = new SplittableRandom(9);
            NatSlots.Editor source = NatSlots.empty(6, 2, 5).edit(precision);
            for (int slot = 0; slot < 6; slot++) {
                float[] snapshot = floats(rnd, 5);
                if (slot == 3) {
                    snapshot[1] = Float.NaN; // kept in float32 by either precision: a RAW code
                }
                source.write(slot, slot, slot, slot, floats(rnd, 2), snapshot);
            }
            NatSlots from = source.freeze();
            NatSlots.Editor e = from.edit(precision).write(0, 9, 9, 9, floats(rnd, 2), floats(rnd, 5));
            for (int slot = 1; slot < 6; slot++) {
                e.writeCopy(slot, slot, slot, slot, floats(rnd, 2), from, 6 - slot);
            }
            for (NatSlots made : new NatSlots[] {from, e.freeze()}) {
                NatSlots anew = new NatSlots(made.capacity(), made.valueDim(), made.snapshotDim(), made.used(),
                        made.keys(), made.seqs(), made.times(), made.values(), made.snapshots());
                assertThat(made.codes()).as(precision.name()).containsExactly(anew.codes());
            }
            assertThat(from.codes()[3 * 6] & 0xff).isEqualTo(Snapshot8.RAW);
        }
    }

    @Test
    void shouldKeepFloatsOnlyForSnapshotsThatEightBitsCannotHold() {
        SplittableRandom rnd = new SplittableRandom(13);
        float[][] written = new float[4][];
        NatSlots.Editor e = NatSlots.empty(4, 2, 6).edit(COMPACT);
        for (int slot = 0; slot < 4; slot++) {
            written[slot] = floats(rnd, 6);
            e.write(slot, slot, slot, slot, floats(rnd, 2), written[slot]);
        }
        NatSlots coded = e.freeze();
        assertThat(coded.rawSnapshots()).isNull();
        for (int slot = 0; slot < 4; slot++) {
            float[] rounded = Snapshot8.round(written[slot]);
            assertThat(coded.snapshotOf(slot)).containsExactly(rounded);
            assertThat(coded.snapshotIs(slot, rounded)).isTrue();
            assertThat(coded.snapshotIs(slot, written[slot])).isFalse();
        }
        float[] nan = floats(rnd, 6);
        nan[4] = Float.NaN;
        NatSlots mixed = coded.edit(COMPACT).write(2, 7, 7, 7, floats(rnd, 2), nan).freeze();
        assertThat(mixed.rawSnapshots()).isNotNull();
        assertThat(mixed.snapshotOf(2)).containsExactly(nan);
        assertThat(mixed.snapshotIs(2, nan)).isTrue();
        assertThat(mixed.snapshotOf(1)).containsExactly(coded.snapshotOf(1));
        for (NatSlots made : new NatSlots[] {coded, mixed}) {
            NatSlots fromFloats = new NatSlots(made.capacity(), made.valueDim(), made.snapshotDim(), made.used(),
                    made.keys(), made.seqs(), made.times(), made.values(), made.snapshots());
            assertThat(fromFloats).isEqualTo(made).hasSameHashCodeAs(made);
        }
        assertThat(mixed).isNotEqualTo(coded);
        assertThat(coded.edit(COMPACT).writeCopy(0, 7, 7, 7, mixed.valueOf(2), mixed, 2).freeze().snapshotOf(0))
                .containsExactly(nan);
    }
}
