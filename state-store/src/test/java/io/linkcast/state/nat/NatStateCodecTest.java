package io.linkcast.state.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.StateFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NatStateCodecTest {

    private static final NatShape SMALL = new NatShape(4, 2, 2, 3);

    /** The state that make_nat_state_v1.py and make_nat_state_v2.py encode from the documented layouts. */
    private static NatNodeState fixtureState() {
        NatSlots n0 = NatSlots.empty(1, 2, 0).edit()
                .write(0, 42, 11, 1500000000.25, new float[] {0.125f, -2f}, null).freeze();
        NatSlots n1 = NatSlots.empty(4, 2, 3).edit()
                .write(1, 7, 11, 1500000000.25, new float[] {1.5f, -0.5f}, new float[] {1f, 2f, -0f})
                .write(3, 9, 5, 1400000000.0, new float[] {0f, 4f}, new float[] {0.25f, 0.5f, 0.75f}).freeze();
        NatSlots n2 = NatSlots.empty(2, 2, 3).edit()
                .write(0, 13, 3, 1300000000.5, new float[] {-1f, 1f}, new float[] {3f, 2f, 1f}).freeze();
        PreviousEvent prev = new PreviousEvent(true, 7, 11, 1500000000.25, new float[] {1f, 2f, -0f});
        return new NatNodeState(42, n0, n1, n2, new float[] {0.5f, -1.25f, 3f}, prev);
    }

    private static byte[] fixtureBytes(int version) throws IOException {
        String name = "nat-state-v" + version + ".bin";
        try (InputStream in = NatStateCodecTest.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void shouldDecodeTheVersion1FixtureIntoTheHandBuiltState() throws IOException {
        NatStateCodec codec = new NatStateCodec(SMALL);
        NatNodeState decoded = codec.decode(fixtureBytes(1));
        assertThat(decoded).isEqualTo(fixtureState());
        assertThat(decoded.n1().usedCount()).isEqualTo(2);
        assertThat(Float.floatToRawIntBits(decoded.previous().otherSelf()[2])).isEqualTo(0x80000000);
    }

    @Test
    void shouldDecodeTheVersion2FixtureIntoTheHandBuiltState() throws IOException {
        NatNodeState decoded = new NatStateCodec(SMALL).decode(fixtureBytes(2));
        assertThat(decoded).isEqualTo(fixtureState());
        assertThat(Float.floatToRawIntBits(decoded.n1().snapshotOf(1)[2])).isEqualTo(0x80000000);
    }

    @Test
    void shouldEncodeTheHandBuiltStateToTheVersion2FixtureBytes() throws IOException {
        assertThat(new NatStateCodec(SMALL).encode(fixtureState())).isEqualTo(fixtureBytes(2));
    }

    @Test
    void shouldWorkOutRecordSizesFromTheUsedSlots() {
        NatShape shape = new NatShape(32, 16, 4, 72);
        NatStateCodec codec = new NatStateCodec(shape);
        // 6 header + 8 shape + 8 node + 288 self + (1 + 24 + 288) previous + 1 + 4 + 2 bitmaps
        NatNodeState empty = NatNodeState.empty(9, shape);
        assertThat(codec.encodedSize(empty)).isEqualTo(630);
        assertThat(codec.encode(empty)).hasSize(630);
        // + n0 slot (24 + 16) + 15 neighbour slots of (24 + 16 + 288)
        NatNodeState some = fill(empty, 1, 5, 10);
        assertThat(codec.encodedSize(some)).isEqualTo(630 + 40 + 15 * 328).isEqualTo(5_590);
        assertThat(codec.encode(some)).hasSize(5_590);
        // every slot: 630 + 40 + 48 * 328, the size of every version-1 record
        NatNodeState full = fill(empty, 1, 32, 16);
        assertThat(codec.encodedSize(full)).isEqualTo(16_414);
        assertThat(codec.encode(full)).hasSize(16_414);
        assertThat(NatStateCodec.maxBytesPerNode(shape)).isEqualTo(16_414);
        // small fixture shape: 71 fixed + 1 + 1 + 1 bitmaps when empty; 71 + 33 + 177 + 89 when full
        assertThat(new NatStateCodec(SMALL).encodedSize(NatNodeState.empty(1, SMALL))).isEqualTo(74);
        assertThat(NatStateCodec.maxBytesPerNode(SMALL)).isEqualTo(370);
    }

    @Test
    void shouldRoundTripRandomStatesBitForBitAtTheDefaultShape() {
        NatShape shape = new NatShape(32, 16, 4, 72);
        NatStateCodec codec = new NatStateCodec(shape);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int r = 0; r < 20; r++) {
            NatNodeState s = randomState(rnd, shape, r / 19.0);
            byte[] bytes = codec.encode(s);
            int neighbours = s.n1().usedCount() + s.n2().usedCount();
            assertThat(bytes).hasSize(630 + 40 * s.n0().usedCount() + 328 * neighbours);
            assertThat(codec.decode(bytes)).isEqualTo(s);
        }
    }

    @Test
    void shouldRoundTripRandomStatesAtASmallShape() {
        NatStateCodec codec = new NatStateCodec(SMALL);
        SplittableRandom rnd = new SplittableRandom(11);
        for (int r = 0; r < 50; r++) {
            NatNodeState s = randomState(rnd, SMALL, rnd.nextDouble());
            byte[] bytes = codec.encode(s);
            assertThat(bytes).hasSize(codec.encodedSize(s));
            assertThat(codec.decode(bytes)).isEqualTo(s);
        }
    }

    @Test
    void shouldRoundTripWithoutTwoHopCache() {
        NatShape shape = new NatShape(8, 0, 2, 3);
        NatStateCodec codec = new NatStateCodec(shape);
        NatNodeState s = randomState(new SplittableRandom(3), shape, 0.5);
        byte[] bytes = codec.encode(s);
        assertThat(codec.decode(bytes)).isEqualTo(s);
        // 71 fixed + n0 (1 + u0 * 32) + n1 (1 + u1 * 44), no n2
        assertThat(bytes).hasSize(71 + 1 + 32 * s.n0().usedCount() + 1 + 44 * s.n1().usedCount());
        assertThat(codec.maxBytesPerNode()).isEqualTo(71 + 33 + (1 + 8 * 44));
    }

    @Test
    void shouldDecodeVersion1RecordsOfRandomStatesToTheSameState() {
        for (NatShape shape : new NatShape[] {new NatShape(32, 16, 4, 72), SMALL, new NatShape(8, 0, 2, 3)}) {
            NatStateCodec codec = new NatStateCodec(shape);
            SplittableRandom rnd = new SplittableRandom(5);
            for (int r = 0; r < 10; r++) {
                NatNodeState s = randomState(rnd, shape, r / 9.0);
                byte[] v1 = version1(shape, s);
                assertThat(v1).hasSize(NatStateCodec.maxBytesPerNode(shape));
                NatNodeState decoded = codec.decode(v1);
                assertThat(decoded).isEqualTo(s);
                assertRawBitsEqual(decoded, s);
            }
        }
    }

    @Test
    void shouldKeepNanPayloadsAndSignedZerosBitForBit() {
        int[] bits = {0x7fc00123, 0xffc00001, 0x7f800001, 0xff812345, 0x80000000, 0x00000001, 0x7f800000};
        float[] odd = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            odd[i] = Float.intBitsToFloat(bits[i]);
        }
        NatShape shape = new NatShape(4, 2, 3, bits.length);
        float[] z = Arrays.copyOfRange(odd, 1, 4);
        NatSlots n0 = NatSlots.empty(1, 3, 0).edit().write(0, 1, 2, -0.0, z, null).freeze();
        double nanTime = Double.longBitsToDouble(0x7ff8000000000abcL);
        NatSlots n1 = NatSlots.empty(4, 3, bits.length).edit()
                .write(2, 5, 6, nanTime, Arrays.copyOfRange(odd, 0, 3), odd).freeze();
        NatSlots n2 = NatSlots.empty(2, 3, bits.length).edit().write(1, 7, 8, 9.5, z, odd.clone()).freeze();
        NatNodeState s = new NatNodeState(3, n0, n1, n2, odd.clone(),
                new PreviousEvent(true, 5, 6, -0.0, odd.clone()));
        NatStateCodec codec = new NatStateCodec(shape);
        NatNodeState decoded = codec.decode(codec.encode(s));
        // Arrays.equals(float[]) folds NaNs together, so compare the raw bits
        assertRawBitsEqual(decoded, s);
        assertThat(Float.floatToRawIntBits(decoded.self()[0])).isEqualTo(0x7fc00123);
        assertThat(Float.floatToRawIntBits(decoded.n1().snapshotOf(2)[2])).isEqualTo(0x7f800001);
        assertThat(Double.doubleToRawLongBits(decoded.n1().time(2))).isEqualTo(0x7ff8000000000abcL);
        assertThat(Double.doubleToRawLongBits(decoded.previous().time())).isEqualTo(0x8000000000000000L);
    }

    @Test
    void shouldRejectAnUnknownVersionNamingIt() throws IOException {
        byte[] bytes = fixtureBytes(2);
        bytes[5] = 9;
        assertThatThrownBy(() -> new NatStateCodec(SMALL).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("version 9");
    }

    @Test
    void shouldRejectAnotherKindOfRecord() throws IOException {
        byte[] bytes = fixtureBytes(2);
        bytes[0] = 'X';
        assertThatThrownBy(() -> new NatStateCodec(SMALL).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("not a NAT state record");
    }

    @Test
    void shouldRejectARecordOfAnotherShapeNamingBoth() throws IOException {
        for (int version = 1; version <= 2; version++) {
            byte[] bytes = fixtureBytes(version);
            assertThatThrownBy(() -> new NatStateCodec(new NatShape(8, 2, 2, 3)).decode(bytes))
                    .isInstanceOf(StateFormatException.class).hasMessageContaining("m1=4")
                    .hasMessageContaining("m1=8");
        }
    }

    @Test
    void shouldRejectATruncatedVersion1Record() throws IOException {
        byte[] bytes = Arrays.copyOf(fixtureBytes(1), 200);
        assertThatThrownBy(() -> new NatStateCodec(SMALL).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("200 bytes");
    }

    @Test
    void shouldRejectEveryTruncationOfAVersion2Record() throws IOException {
        byte[] bytes = fixtureBytes(2);
        NatStateCodec codec = new NatStateCodec(SMALL);
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> codec.decode(cut)).as("cut at %d bytes", length)
                    .isInstanceOf(StateFormatException.class).hasMessageContaining(length < 6 ? "too short" : "");
        }
        byte[] cut = Arrays.copyOf(bytes, 150);
        assertThatThrownBy(() -> codec.decode(cut)).hasMessageContaining("truncated at 150 bytes");
    }

    @Test
    void shouldRejectBytesLeftOverAfterTheLastHop() throws IOException {
        byte[] bytes = Arrays.copyOf(fixtureBytes(2), 240);
        assertThatThrownBy(() -> new NatStateCodec(SMALL).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("2 bytes left over");
    }

    @Test
    void shouldRejectAUsedBitBeyondTheHopsCapacity() throws IOException {
        // n1's bitmap follows 71 fixed bytes and n0 (1 bitmap byte + one 32-byte slot); n1 has slots 0..3
        byte[] bytes = fixtureBytes(2);
        assertThat(bytes[104]).isEqualTo((byte) 0b1010);
        bytes[104] = (byte) 0b11010;
        assertThatThrownBy(() -> new NatStateCodec(SMALL).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("slot 4 of hop 1")
                .hasMessageContaining("0..3");
    }

    @Test
    void shouldRejectAVersion1RecordWithDataInAnUnusedSlot() throws IOException {
        // n1 slot 0 is unused; its key takes bytes 105..112, right after n1's bitmap at byte 104
        byte[] bytes = fixtureBytes(1);
        bytes[112] = 5;
        assertThatThrownBy(() -> new NatStateCodec(SMALL).decode(bytes))
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
        assertThatThrownBy(() -> new NatStateCodec(SMALL).encode(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unused slot 2 of hop 1");
    }

    @Test
    void shouldRejectStatesOfAnotherShapeOnEncode() {
        NatNodeState s = NatNodeState.empty(1, new NatShape(8, 2, 2, 3));
        assertThatThrownBy(() -> new NatStateCodec(SMALL).encode(s)).isInstanceOf(IllegalArgumentException.class)
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
        NatSlots.Editor n0 = base.n0().edit();
        NatSlots.Editor n1 = base.n1().edit();
        NatSlots.Editor n2 = base.n2().edit();
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
     * A version-1 record of {@code s}, written field by field from the layout that version documented (every
     * slot stored, used or not), independently of the codec's bulk copies.
     */
    private static byte[] version1(NatShape shape, NatNodeState s) {
        ByteBuffer buf = ByteBuffer.allocate(NatStateCodec.maxBytesPerNode(shape));
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

    /** A state with each slot written with probability {@code density}; unwritten slots stay zero. */
    private static NatNodeState randomState(SplittableRandom rnd, NatShape shape, double density) {
        long node = rnd.nextLong();
        NatSlots n0 = randomSlots(rnd, 1, shape.valueDim(), 0, density);
        NatSlots n1 = randomSlots(rnd, shape.m1(), shape.valueDim(), shape.selfDim(), density);
        NatSlots n2 = shape.m2() > 0 ? randomSlots(rnd, shape.m2(), shape.valueDim(), shape.selfDim(), density)
                : NatSlots.empty(1, shape.valueDim(), shape.selfDim());
        float[] self = randomFloats(rnd, shape.selfDim());
        self[0] = Float.NaN;
        PreviousEvent prev = new PreviousEvent(true, rnd.nextLong(), rnd.nextLong(1L << 40), rnd.nextDouble() * 2e9,
                randomFloats(rnd, shape.selfDim()));
        return new NatNodeState(node, n0, n1, n2, self, prev);
    }

    private static NatSlots randomSlots(SplittableRandom rnd, int capacity, int dz, int ds, double density) {
        NatSlots.Editor e = NatSlots.empty(capacity, dz, ds).edit();
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
