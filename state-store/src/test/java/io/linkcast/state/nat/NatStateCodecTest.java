package io.linkcast.state.nat;

import static io.linkcast.state.compact.StatePrecision.COMPACT;
import static io.linkcast.state.compact.StatePrecision.FP32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.StateFormatException;
import io.linkcast.state.compact.Half;
import io.linkcast.state.compact.Snapshot8;
import io.linkcast.state.compact.StatePrecision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class NatStateCodecTest {

    /** Byte offsets of the version-3 layout. */
    private static final class RecordHeaderBytes {
        static final int FORM = 14;
    }

    private static final NatShape SMALL = new NatShape(4, 2, 2, 3);

    /**
     * The state that make_nat_state_v1.py and make_nat_state_v2.py encode from the documented layouts, and
     * nat-state-v3.bin holds (written by {@link #writeVersion3Fixture}, checked against the layout by hand).
     */
    private static NatNodeState fixtureState() {
        return fixtureState(COMPACT);
    }

    /** {@link #fixtureState()} as a model at {@code precision} makes it. */
    private static NatNodeState fixtureState(StatePrecision precision) {
        NatSlots n0 = NatSlots.empty(1, 2, 0).edit(precision)
                .write(0, 42, 11, 1500000000.25, new float[] {0.125f, -2f}, null).freeze();
        NatSlots n1 = NatSlots.empty(4, 2, 3).edit(precision)
                .write(1, 7, 11, 1500000000.25, new float[] {1.5f, -0.5f}, new float[] {1f, 2f, -0f})
                .write(3, 9, 5, 1400000000.0, new float[] {0f, 4f}, new float[] {0.25f, 0.5f, 0.75f}).freeze();
        NatSlots n2 = NatSlots.empty(2, 2, 3).edit(precision)
                .write(0, 13, 3, 1300000000.5, new float[] {-1f, 1f}, new float[] {3f, 2f, 1f}).freeze();
        PreviousEvent prev = PreviousEvent.rounded(precision, true, 7, 11, 1500000000.25, new float[] {1f, 2f, -0f});
        return NatNodeState.rounded(precision, 42, n0, n1, n2, new float[] {0.5f, -1.25f, 3f}, prev);
    }

    private static byte[] fixtureBytes(int version) throws IOException {
        String name = "nat-state-v" + version + ".bin";
        try (InputStream in = NatStateCodecTest.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void shouldDecodeTheVersion1FixtureIntoTheHandBuiltStateRoundedOnRead() throws IOException {
        NatStateCodec codec = new NatStateCodec(SMALL, COMPACT);
        NatNodeState decoded = codec.decode(fixtureBytes(1));
        assertThat(decoded).isEqualTo(fixtureState());
        assertThat(decoded.n1().usedCount()).isEqualTo(2);
        // migrated: the stored -0 of an 8-bit snapshot becomes +0, as if the record were made now
        assertThat(Float.floatToRawIntBits(decoded.previous().otherSelf()[2])).isEqualTo(0);
    }

    @Test
    void shouldDecodeTheVersion2FixtureIntoTheHandBuiltStateRoundedOnRead() throws IOException {
        NatNodeState decoded = new NatStateCodec(SMALL, COMPACT).decode(fixtureBytes(2));
        assertThat(decoded).isEqualTo(fixtureState());
        assertThat(Float.floatToRawIntBits(decoded.n1().snapshotOf(1)[2])).isEqualTo(0);
    }

    @Test
    void shouldDecodeOldVersionsUnroundedWhenTheCodecKeepsFloat32State() throws IOException {
        for (int version = 1; version <= 2; version++) {
            NatNodeState decoded = new NatStateCodec(SMALL, FP32).decode(fixtureBytes(version));
            assertThat(decoded).isEqualTo(fixtureState(FP32));
            assertThat(Float.floatToRawIntBits(decoded.n1().snapshotOf(1)[2])).isEqualTo(0x80000000);
        }
    }

    @Test
    void shouldMigrateAnOldRecordToTheSameBitsAsOneMadeNow() {
        NatShape shape = new NatShape(32, 16, 4, 72);
        NatStateCodec codec = new NatStateCodec(shape, COMPACT);
        SplittableRandom rnd = new SplittableRandom(21);
        for (int r = 0; r < 10; r++) {
            long seed = rnd.nextLong();
            NatNodeState fp32 = randomState(new SplittableRandom(seed), shape, r / 9.0, FP32);
            NatNodeState compact = randomState(new SplittableRandom(seed), shape, r / 9.0, COMPACT);
            assertThat(codec.decode(version1(shape, fp32))).isEqualTo(compact);
            // a float32 record of the current version is migrated alike
            byte[] v3 = codec.encode(fp32);
            assertThat(v3[RecordHeaderBytes.FORM]).isEqualTo((byte) NatStateCodec.FORM_FP32);
            NatNodeState migrated = codec.decode(v3);
            assertThat(migrated).isEqualTo(compact);
            assertRawBitsEqual(migrated, compact);
        }
    }

    @Test
    void shouldDecodeTheVersion3FixtureIntoTheHandBuiltState() throws IOException {
        NatNodeState decoded = new NatStateCodec(SMALL, COMPACT).decode(fixtureBytes(3));
        assertThat(decoded).isEqualTo(fixtureState());
        assertRawBitsEqual(decoded, fixtureState());
    }

    @Test
    void shouldEncodeTheHandBuiltStateToTheVersion3FixtureBytes() throws IOException {
        byte[] golden = fixtureBytes(3);
        assertThat(new NatStateCodec(SMALL, COMPACT).encode(fixtureState())).isEqualTo(golden);
        // read off the documented layout, independently of the codec
        assertThat(new String(golden, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("NATS");
        assertThat(ByteBuffer.wrap(golden).getShort(4)).isEqualTo((short) 3);
        assertThat(golden[14]).as("form: halves").isEqualTo((byte) 1);
        assertThat(golden[15]).as("node 42, zigzag").isEqualTo((byte) 84);
        assertThat(ByteBuffer.wrap(golden).getShort(16)).as("self[0] = 0.5 as a half").isEqualTo((short) 0x3800);
        assertThat(golden[22]).as("previous: present, otherSelf in an n1 slot").isEqualTo((byte) 3);
        assertThat(ByteBuffer.wrap(golden).getShort(34)).as("that slot").isEqualTo((short) 1);
        assertThat(golden[52]).as("n1 bitmap").isEqualTo((byte) 0b1010);
        assertThat(golden).hasSize(111);
    }

    /** Writes the fixture; run once by hand with {@code -Dlinkcast.writeGolden=true}, then commit the file. */
    @Test
    @EnabledIfSystemProperty(named = "linkcast.writeGolden", matches = "true")
    void writeVersion3Fixture() throws IOException {
        Path file = Path.of("src/test/resources/io/linkcast/state/nat/nat-state-v3.bin");
        Files.write(file, new NatStateCodec(SMALL, COMPACT).encode(fixtureState()));
    }

    @Test
    void shouldTakeTheDocumentedBytesPerNodeAtTheDefaultShape() {
        NatShape shape = new NatShape(32, 16, 4, 72);
        NatStateCodec codec = new NatStateCodec(shape, COMPACT);
        // 6 header + 8 shape + 1 form + 2 node + 144 self + 1 flags + 73 zero snapshot + 1 + 4 + 2 bitmaps
        NatNodeState empty = NatNodeState.empty(5000, shape);
        assertThat(codec.encode(empty)).hasSize(242);
        // with an event: other (2) + seq (3) + time (5) + slot index (2) instead of the snapshot, and n0's slot
        // (2 key + 1 + 1 deltas + 8 Z): 193; the counterpart's slot 2 key + 1 + 1 deltas + 8 Z + 73 snapshot;
        // each other neighbour slot 2 key + 2 seq + 2 time + 8 Z + 73 snapshot
        assertThat(codec.encode(typical(shape, 1, 0, COMPACT))).hasSize(193 + 85);
        NatNodeState typical = typical(shape, 8, 8, COMPACT);
        assertThat(codec.encode(typical)).hasSize(193 + 85 + 15 * 87).hasSize(1_583);
        NatNodeState full = typical(shape, 32, 16, COMPACT);
        assertThat(codec.encode(full)).hasSize(193 + 85 + 47 * 87).hasSize(4_367);
        assertThat(codec.decode(codec.encode(full))).isEqualTo(full);
        assertThat(NatStateCodec.version1Bytes(shape)).isEqualTo(16_414);
        // float32 state: 2 more bytes per dense float, 4 per snapshot float, and the snapshots' raw marker
        assertThat(codec.encode(typical(shape, 8, 8, FP32))).hasSize(1_583 + 2 * (72 + 4 * 17) + 3 * 72 * 16);
    }

    @Test
    void shouldStoreThePreviousCounterpartsSelfOnceWhenItsSlotHoldsIt() {
        NatShape shape = new NatShape(32, 16, 4, 72);
        NatStateCodec codec = new NatStateCodec(shape, COMPACT);
        NatNodeState s = typical(shape, 4, 0, COMPACT);
        NatNodeState moved = new NatNodeState(s.node(), s.n0(), s.n1(), s.n2(), s.self(),
                new PreviousEvent(true, s.previous().other(), s.previous().seq() + 1, s.previous().time(),
                        s.previous().otherSelf()));
        byte[] shared = codec.encode(s);
        byte[] apart = codec.encode(moved);
        // the slot's index (2 bytes) against the snapshot (73), and one byte more for the seq delta of n0
        assertThat(apart.length - shared.length).isEqualTo(73 - 2);
        assertThat(codec.decode(shared)).isEqualTo(s);
        assertThat(codec.decode(apart)).isEqualTo(moved);
    }

    @Test
    void shouldRoundTripRandomStatesBitForBitAtTheDefaultShape() {
        NatShape shape = new NatShape(32, 16, 4, 72);
        NatStateCodec codec = new NatStateCodec(shape, COMPACT);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int r = 0; r < 20; r++) {
            NatNodeState s = randomState(rnd, shape, r / 19.0, COMPACT);
            byte[] bytes = codec.encode(s);
            assertThat(bytes[RecordHeaderBytes.FORM]).isEqualTo((byte) NatStateCodec.FORM_HALVES);
            NatNodeState decoded = codec.decode(bytes);
            assertThat(decoded).isEqualTo(s);
            assertRawBitsEqual(decoded, s);
            assertThat(codec.encode(decoded)).isEqualTo(bytes);
        }
    }

    @Test
    void shouldWriteTheBytesOfSnapshotsCodedAnewWhenCopyingTheirKeptCodes() {
        for (StatePrecision precision : StatePrecision.values()) {
            NatStateCodec codec = new NatStateCodec(SMALL, precision);
            SplittableRandom rnd = new SplittableRandom(13);
            for (int r = 0; r < 30; r++) {
                NatNodeState s = randomState(rnd, SMALL, rnd.nextDouble(), precision);
                NatNodeState anew = new NatNodeState(s.node(), recoded(s.n0()), recoded(s.n1()),
                        recoded(s.n2()), s.self(), s.previous());
                byte[] bytes = codec.encode(s);
                assertThat(bytes).as(precision.name()).isEqualTo(codec.encode(anew));
                assertThat(codec.encode(codec.decode(bytes))).isEqualTo(bytes);
            }
        }
    }

    /** The same slots with their snapshot codes made from the floats, not carried. */
    private static NatSlots recoded(NatSlots s) {
        return new NatSlots(s.capacity(), s.valueDim(), s.snapshotDim(), s.used(), s.keys(), s.seqs(), s.times(),
                s.values(), s.snapshots());
    }

    @Test
    void shouldRoundTripFloat32StatesBitForBit() {
        NatStateCodec codec = new NatStateCodec(SMALL, FP32);
        SplittableRandom rnd = new SplittableRandom(12);
        for (int r = 0; r < 50; r++) {
            NatNodeState s = randomState(rnd, SMALL, rnd.nextDouble(), FP32);
            NatNodeState decoded = codec.decode(codec.encode(s));
            assertThat(decoded).isEqualTo(s);
            assertRawBitsEqual(decoded, s);
        }
    }

    @Test
    void shouldRoundVectorsWhereTheRecordIsMade() {
        float[] self = {0.1f, 0.2f, 0.3f};
        float[] snap = {0.9f, -0.1f, 0.3333f};
        NatSlots n1 = NatSlots.empty(4, 2, 3).edit(COMPACT).write(1, 7, 11, 1.0, new float[] {0.1f, 0.7f}, snap)
                .freeze();
        assertThat(n1.valueOf(1)).containsExactly(Half.round(0.1f), Half.round(0.7f));
        assertThat(n1.snapshotOf(1)).containsExactly(Snapshot8.round(snap));
        assertThat(n1.snapshotOf(1)[1]).isNotEqualTo(-0.1f);
        NatNodeState s = NatNodeState.rounded(COMPACT, 1, NatSlots.empty(1, 2, 0), n1, NatSlots.empty(2, 2, 3), self,
                PreviousEvent.rounded(COMPACT, true, 7, 11, 1.0, snap));
        assertThat(s.self()).containsExactly(Half.round(0.1f), Half.round(0.2f), Half.round(0.3f));
        assertThat(s.previous().otherSelf()).containsExactly(n1.snapshotOf(1));
        assertThat(snap[1]).as("the caller's array is not touched").isEqualTo(-0.1f);
    }

    @Test
    void shouldRoundTripRandomStatesAtASmallShape() {
        NatStateCodec codec = new NatStateCodec(SMALL, COMPACT);
        SplittableRandom rnd = new SplittableRandom(11);
        for (int r = 0; r < 50; r++) {
            NatNodeState s = randomState(rnd, SMALL, rnd.nextDouble(), COMPACT);
            assertThat(codec.decode(codec.encode(s))).isEqualTo(s);
        }
    }

    @Test
    void shouldRoundTripWithoutTwoHopCache() {
        NatShape shape = new NatShape(8, 0, 2, 3);
        NatStateCodec codec = new NatStateCodec(shape, COMPACT);
        NatNodeState s = randomState(new SplittableRandom(3), shape, 0.5, COMPACT);
        assertThat(codec.decode(codec.encode(s))).isEqualTo(s);
        assertThat(NatStateCodec.version1Bytes(shape)).isEqualTo(71 + 33 + (1 + 8 * 44));
    }

    @Test
    void shouldDecodeVersion1RecordsOfRandomStatesToTheSameState() {
        for (NatShape shape : new NatShape[] {new NatShape(32, 16, 4, 72), SMALL, new NatShape(8, 0, 2, 3)}) {
            NatStateCodec codec = new NatStateCodec(shape, COMPACT);
            SplittableRandom rnd = new SplittableRandom(5);
            for (int r = 0; r < 10; r++) {
                NatNodeState s = randomState(rnd, shape, r / 9.0, COMPACT);
                byte[] v1 = version1(shape, s);
                assertThat(v1).hasSize(NatStateCodec.version1Bytes(shape));
                NatNodeState decoded = codec.decode(v1);
                assertThat(decoded).isEqualTo(s);
                assertRawBitsEqual(decoded, s);
            }
        }
    }

    @Test
    void shouldKeepNanPayloadsAndSignedZerosBitForBitInFloat32State() {
        int[] bits = {0x7fc00123, 0xffc00001, 0x7f800001, 0xff812345, 0x80000000, 0x00000001, 0x7f800000};
        float[] odd = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            odd[i] = Float.intBitsToFloat(bits[i]);
        }
        NatShape shape = new NatShape(4, 2, 3, bits.length);
        float[] z = Arrays.copyOfRange(odd, 1, 4);
        NatSlots n0 = NatSlots.empty(1, 3, 0).edit(FP32).write(0, 1, 2, -0.0, z, null).freeze();
        double nanTime = Double.longBitsToDouble(0x7ff8000000000abcL);
        NatSlots n1 = NatSlots.empty(4, 3, bits.length).edit(FP32)
                .write(2, 5, 6, nanTime, Arrays.copyOfRange(odd, 0, 3), odd).freeze();
        NatSlots n2 = NatSlots.empty(2, 3, bits.length).edit(FP32).write(1, 7, 8, 9.5, z, odd.clone()).freeze();
        NatNodeState s = NatNodeState.rounded(FP32, 3, n0, n1, n2, odd.clone(),
                PreviousEvent.rounded(FP32, true, 5, 6, -0.0, odd.clone()));
        NatStateCodec codec = new NatStateCodec(shape, FP32);
        NatNodeState decoded = codec.decode(codec.encode(s));
        // Arrays.equals(float[]) folds NaNs together, so compare the raw bits
        assertRawBitsEqual(decoded, s);
        assertThat(Float.floatToRawIntBits(decoded.self()[0])).isEqualTo(0x7fc00123);
        assertThat(Float.floatToRawIntBits(decoded.n1().snapshotOf(2)[2])).isEqualTo(0x7f800001);
        assertThat(Double.doubleToRawLongBits(decoded.n1().time(2))).isEqualTo(0x7ff8000000000abcL);
        assertThat(Double.doubleToRawLongBits(decoded.previous().time())).isEqualTo(0x8000000000000000L);
    }

    @Test
    void shouldKeepNonFiniteValuesInCompactState() {
        NatShape shape = new NatShape(4, 2, 2, 3);
        NatSlots n1 = NatSlots.empty(4, 2, 3).edit(COMPACT)
                .write(0, 5, 6, 1.0, new float[] {Float.NaN, 1e9f}, new float[] {Float.NEGATIVE_INFINITY, 1f, 0f})
                .freeze();
        NatNodeState s = NatNodeState.rounded(COMPACT, 3, NatSlots.empty(1, 2, 0), n1, NatSlots.empty(2, 2, 3),
                new float[] {0.5f, Float.POSITIVE_INFINITY, 0f}, PreviousEvent.none(3));
        NatStateCodec codec = new NatStateCodec(shape, COMPACT);
        NatNodeState decoded = codec.decode(codec.encode(s));
        assertThat(decoded).isEqualTo(s);
        assertThat(decoded.n1().snapshotOf(0)[0]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(decoded.n1().valueOf(0)[1]).as("beyond the half range: kept in float32").isEqualTo(1e9f);
    }

    @Test
    void shouldRejectAnUnknownVersionNamingIt() throws IOException {
        byte[] bytes = fixtureBytes(3);
        bytes[5] = 9;
        assertThatThrownBy(() -> new NatStateCodec(SMALL, COMPACT).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("version 9");
    }

    @Test
    void shouldRejectAnotherKindOfRecord() throws IOException {
        byte[] bytes = fixtureBytes(3);
        bytes[0] = 'X';
        assertThatThrownBy(() -> new NatStateCodec(SMALL, COMPACT).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("not a NAT state record");
    }

    @Test
    void shouldRejectARecordOfAnotherShapeNamingBoth() throws IOException {
        for (int version = 1; version <= 3; version++) {
            byte[] bytes = fixtureBytes(version);
            assertThatThrownBy(() -> new NatStateCodec(new NatShape(8, 2, 2, 3), COMPACT).decode(bytes))
                    .isInstanceOf(StateFormatException.class).hasMessageContaining("m1=4")
                    .hasMessageContaining("m1=8");
        }
    }

    @Test
    void shouldRejectATruncatedVersion1Record() throws IOException {
        byte[] bytes = Arrays.copyOf(fixtureBytes(1), 200);
        assertThatThrownBy(() -> new NatStateCodec(SMALL, COMPACT).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("200 bytes");
    }

    @Test
    void shouldRejectEveryTruncationOfAVersion2AndVersion3Record() throws IOException {
        NatStateCodec codec = new NatStateCodec(SMALL, COMPACT);
        for (int version = 2; version <= 3; version++) {
            byte[] bytes = fixtureBytes(version);
            for (int length = 0; length < bytes.length; length++) {
                byte[] cut = Arrays.copyOf(bytes, length);
                assertThatThrownBy(() -> codec.decode(cut)).as("v%d cut at %d bytes", version, length)
                        .isInstanceOf(StateFormatException.class)
                        .hasMessageContaining(length < 6 ? "too short" : "truncated at " + length + " bytes");
            }
        }
    }

    @Test
    void shouldRejectBytesLeftOverAfterTheLastHop() throws IOException {
        byte[] v2 = Arrays.copyOf(fixtureBytes(2), 240);
        assertThatThrownBy(() -> new NatStateCodec(SMALL, COMPACT).decode(v2))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("2 bytes left over");
        byte[] v3 = Arrays.copyOf(fixtureBytes(3), 113);
        assertThatThrownBy(() -> new NatStateCodec(SMALL, COMPACT).decode(v3))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("2 bytes left over");
    }

    @Test
    void shouldRejectAUsedBitBeyondTheHopsCapacity() throws IOException {
        // version 3: n1's bitmap is at byte 52 (see the fixture test); n1 has slots 0..3
        byte[] bytes = fixtureBytes(3);
        bytes[52] = (byte) 0b11010;
        assertThatThrownBy(() -> new NatStateCodec(SMALL, COMPACT).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("slot 4 of hop 1")
                .hasMessageContaining("0..3");
        // version 2: after 71 fixed bytes and n0 (1 bitmap byte + one 32-byte slot)
        byte[] v2 = fixtureBytes(2);
        assertThat(v2[104]).isEqualTo((byte) 0b1010);
        v2[104] = (byte) 0b11010;
        assertThatThrownBy(() -> new NatStateCodec(SMALL, COMPACT).decode(v2))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("slot 4 of hop 1");
    }

    @Test
    void shouldRejectAPreviousEventThatPointsAtAnUnusedSlot() throws IOException {
        byte[] bytes = fixtureBytes(3);
        ByteBuffer.wrap(bytes).putShort(34, (short) 2);
        assertThatThrownBy(() -> new NatStateCodec(SMALL, COMPACT).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("slot 2 of hop 1");
    }

    @Test
    void shouldRejectAnUnknownForm() throws IOException {
        byte[] bytes = fixtureBytes(3);
        bytes[14] = 7;
        assertThatThrownBy(() -> new NatStateCodec(SMALL, COMPACT).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("form 7");
    }

    @Test
    void shouldRejectAVersion1RecordWithDataInAnUnusedSlot() throws IOException {
        // n1 slot 0 is unused; its key takes bytes 105..112, right after n1's bitmap at byte 104
        byte[] bytes = fixtureBytes(1);
        bytes[112] = 5;
        assertThatThrownBy(() -> new NatStateCodec(SMALL, COMPACT).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("unused slot 0 of hop 1");
    }

    @Test
    void shouldRefuseToEncodeAnUnusedSlotThatHoldsData() {
        NatNodeState base = NatNodeState.empty(4, SMALL);
        NatSlots n1 = base.n1();
        float[] values = n1.values().clone();
        values[5] = 1e-3f;
        NatSlots bad = new NatSlots(4, 2, 3, n1.used().clone(), n1.keys().clone(), n1.seqs().clone(),
                n1.times().clone(), values, n1.snapshots().clone());
        NatNodeState s = new NatNodeState(4, base.n0(), bad, base.n2(), base.self(), base.previous());
        assertThatThrownBy(() -> new NatStateCodec(SMALL, COMPACT).encode(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unused slot 2 of hop 1");
    }

    @Test
    void shouldRejectStatesOfAnotherShapeOnEncode() {
        NatNodeState s = NatNodeState.empty(1, new NatShape(8, 2, 2, 3));
        assertThatThrownBy(() -> new NatStateCodec(SMALL, COMPACT).encode(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node 1");
    }

    @Test
    void shouldRejectShapesThatAreNotPowersOfTwo() {
        assertThatThrownBy(() -> new NatShape(24, 16, 4, 72)).hasMessageContaining("m1 must be a power of two")
                .hasMessageContaining("24");
        assertThatThrownBy(() -> new NatShape(32, 12, 4, 72)).hasMessageContaining("m2").hasMessageContaining("12");
    }

    /** {@code base} with the first u0, u1, u2 slots of hops 0, 1, 2 written. */
    private static NatNodeState fill(NatNodeState base, int u0, int u1, int u2) {
        int dz = base.n0().valueDim();
        int ds = base.self().length;
        NatSlots.Editor n0 = base.n0().edit(COMPACT);
        NatSlots.Editor n1 = base.n1().edit(COMPACT);
        NatSlots.Editor n2 = base.n2().edit(COMPACT);
        for (int i = 0; i < u0; i++) {
            n0.write(i, base.node(), 1, 1.0, new float[dz], null);
        }
        for (int i = 0; i < u1; i++) {
            n1.write(i, 100 + i, 2, 2.0, new float[dz], new float[ds]);
        }
        for (int i = 0; i < u2; i++) {
            n2.write(i, 200 + i, 3, 3.0, new float[dz], new float[ds]);
        }
        return new NatNodeState(base.node(), n0.freeze(), n1.freeze(), n2.freeze(), base.self(), base.previous());
    }

    /**
     * A state like the model makes at the default dims: node 5000, neighbours 1000 + i, the last event at seq
     * 60,000 and Unix time 1.5e9 + seq, each slot written 100 + i events before it (so keys, seq and time deltas
     * take 2 bytes each), bounded values; the previous event's counterpart holds n1 slot 0, written by it.
     * Made at {@code precision}.
     */
    static NatNodeState typical(NatShape shape, int u1, int u2, StatePrecision precision) {
        SplittableRandom rnd = new SplittableRandom(u1 * 100 + u2);
        long seq = 60_000;
        double time = 1.5e9 + seq;
        NatNodeState base = NatNodeState.empty(5000, shape);
        NatSlots.Editor n0 = base.n0().edit(precision);
        NatSlots.Editor n1 = base.n1().edit(precision);
        NatSlots.Editor n2 = base.n2().edit(precision);
        n0.write(0, 5000, seq, time, bounded(rnd, shape.valueDim()), null);
        float[] otherSelf = bounded(rnd, shape.selfDim());
        for (int i = 0; i < u1; i++) {
            long back = i == 0 ? 0 : 100 + i;
            n1.write(i, 1000 + i, seq - back, time - back, bounded(rnd, shape.valueDim()),
                    i == 0 ? otherSelf : bounded(rnd, shape.selfDim()));
        }
        for (int i = 0; i < u2; i++) {
            n2.write(i, 2000 + i, seq - 100 - i, time - 100 - i, bounded(rnd, shape.valueDim()),
                    bounded(rnd, shape.selfDim()));
        }
        PreviousEvent prev = u1 > 0 ? PreviousEvent.rounded(precision, true, 1000, seq, time, otherSelf)
                : PreviousEvent.none(72);
        return NatNodeState.rounded(precision, 5000, n0.freeze(), n1.freeze(), n2.freeze(),
                bounded(rnd, shape.selfDim()), prev);
    }

    private static float[] bounded(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.tanh(rnd.nextGaussian());
        }
        return v;
    }

    /**
     * A version-1 record of {@code s}, written field by field from the layout that version documented (every
     * slot stored, used or not), independently of the codec's bulk copies.
     */
    private static byte[] version1(NatShape shape, NatNodeState s) {
        ByteBuffer buf = ByteBuffer.allocate(NatStateCodec.version1Bytes(shape));
        buf.put("NATS".getBytes(StandardCharsets.US_ASCII)).putShort((short) 1);
        buf.putShort((short) shape.m1()).putShort((short) shape.m2()).putShort((short) shape.valueDim())
                .putShort((short) shape.selfDim());
        buf.putLong(s.node());
        for (float f : s.self()) {
            buf.putFloat(f);
        }
        PreviousEvent p = s.previous();
        buf.put((byte) (p.present() ? 1 : 0)).putLong(p.other()).putLong(p.seq()).putDouble(p.time());
        for (float f : p.otherSelf()) {
            buf.putFloat(f);
        }
        for (NatSlots hop : shape.m2() > 0 ? List.of(s.n0(), s.n1(), s.n2()) : List.of(s.n0(), s.n1())) {
            byte[] bitmap = new byte[(hop.capacity() + 7) / 8];
            for (int i = 0; i < hop.capacity(); i++) {
                bitmap[i / 8] |= (byte) (hop.isUsed(i) ? 1 << (i % 8) : 0);
            }
            buf.put(bitmap);
            for (int i = 0; i < hop.capacity(); i++) {
                buf.putLong(hop.key(i)).putLong(hop.seq(i)).putDouble(hop.time(i));
                for (float f : hop.valueOf(i)) {
                    buf.putFloat(f);
                }
                for (float f : hop.snapshotOf(i)) {
                    buf.putFloat(f);
                }
            }
        }
        assertThat(buf.hasRemaining()).as("version-1 writer filled the record").isFalse();
        return buf.array();
    }

    private static void assertRawBitsEqual(NatNodeState actual, NatNodeState expected) {
        assertThat(rawBits(actual.self())).isEqualTo(rawBits(expected.self()));
        assertThat(rawBits(actual.previous().otherSelf())).isEqualTo(rawBits(expected.previous().otherSelf()));
        for (int hop = 0; hop <= 2; hop++) {
            assertThat(rawBits(actual.hop(hop).values())).as("Z of hop %d", hop)
                    .isEqualTo(rawBits(expected.hop(hop).values()));
            assertThat(rawBits(actual.hop(hop).snapshots())).as("snapshots of hop %d", hop)
                    .isEqualTo(rawBits(expected.hop(hop).snapshots()));
        }
    }

    private static int[] rawBits(float[] v) {
        int[] bits = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            bits[i] = Float.floatToRawIntBits(v[i]);
        }
        return bits;
    }

    /**
     * A state made at {@code precision}, with each slot written with probability {@code density}; unwritten slots
     * stay zero.
     */
    private static NatNodeState randomState(SplittableRandom rnd, NatShape shape, double density,
            StatePrecision precision) {
        long node = rnd.nextLong();
        NatSlots n0 = randomSlots(rnd, 1, shape.valueDim(), 0, density, precision);
        NatSlots n1 = randomSlots(rnd, shape.m1(), shape.valueDim(), shape.selfDim(), density, precision);
        NatSlots n2 = shape.m2() > 0
                ? randomSlots(rnd, shape.m2(), shape.valueDim(), shape.selfDim(), density, precision)
                : NatSlots.empty(1, shape.valueDim(), shape.selfDim());
        float[] self = randomFloats(rnd, shape.selfDim());
        self[0] = Float.NaN;
        PreviousEvent prev = PreviousEvent.rounded(precision, true, rnd.nextLong(), rnd.nextLong(1L << 40),
                rnd.nextDouble() * 2e9, randomFloats(rnd, shape.selfDim()));
        return NatNodeState.rounded(precision, node, n0, n1, n2, self, prev);
    }

    private static NatSlots randomSlots(SplittableRandom rnd, int capacity, int dz, int ds, double density,
            StatePrecision precision) {
        NatSlots.Editor e = NatSlots.empty(capacity, dz, ds).edit(precision);
        for (int i = 0; i < capacity; i++) {
            if (rnd.nextDouble() < density) {
                e.write(i, rnd.nextLong(), rnd.nextLong(1L << 40), rnd.nextDouble() * 2e9, randomFloats(rnd, dz),
                        ds == 0 ? null : randomFloats(rnd, ds));
            }
        }
        return e.freeze();
    }

    private static float[] randomFloats(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        if (n > 1) {
            v[n - 1] = -0f;
        }
        return v;
    }
}
