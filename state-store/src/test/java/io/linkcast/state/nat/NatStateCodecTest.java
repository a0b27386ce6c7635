package io.linkcast.state.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.StateFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NatStateCodecTest {

    private static final NatShape SMALL = new NatShape(4, 2, 2, 3);

    /** The state that make_nat_state_v1.py encodes from the documented layout. */
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

    private static byte[] fixtureBytes() throws IOException {
        try (InputStream in = NatStateCodecTest.class.getResourceAsStream("nat-state-v1.bin")) {
            assertThat(in).as("fixture nat-state-v1.bin").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void shouldDecodeTheVersion1FixtureIntoTheHandBuiltState() throws IOException {
        NatStateCodec codec = new NatStateCodec(SMALL);
        NatNodeState decoded = codec.decode(fixtureBytes());
        assertThat(decoded).isEqualTo(fixtureState());
        assertThat(decoded.n1().usedCount()).isEqualTo(2);
        assertThat(Float.floatToRawIntBits(decoded.previous().otherSelf()[2])).isEqualTo(0x80000000);
    }

    @Test
    void shouldEncodeTheHandBuiltStateToTheFixtureBytes() throws IOException {
        assertThat(new NatStateCodec(SMALL).encode(fixtureState())).isEqualTo(fixtureBytes());
    }

    @Test
    void shouldDocumentBytesPerNodeForTheDefaultShape() {
        // 6 header + 8 shape + 8 node + 288 self + (1 + 24 + 288) previous + (1 + 24 + 16) n0
        // + (4 + 32 * (24 + 16 + 288)) n1 + (2 + 16 * (24 + 16 + 288)) n2
        assertThat(NatStateCodec.bytesPerNode(new NatShape(32, 16, 4, 72))).isEqualTo(16_414);
        // small fixture shape: 71 + 33 + 177 + 89
        assertThat(NatStateCodec.bytesPerNode(SMALL)).isEqualTo(370);
    }

    @Test
    void shouldRoundTripRandomStatesBitForBit() {
        NatShape shape = new NatShape(32, 16, 4, 72);
        NatStateCodec codec = new NatStateCodec(shape);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int r = 0; r < 20; r++) {
            NatNodeState s = randomState(rnd, shape);
            byte[] bytes = codec.encode(s);
            assertThat(bytes).hasSize(codec.bytesPerNode());
            assertThat(codec.decode(bytes)).isEqualTo(s);
        }
    }

    @Test
    void shouldRoundTripWithoutTwoHopCache() {
        NatShape shape = new NatShape(8, 0, 2, 3);
        NatStateCodec codec = new NatStateCodec(shape);
        NatNodeState s = randomState(new SplittableRandom(3), shape);
        assertThat(codec.decode(codec.encode(s))).isEqualTo(s);
        assertThat(codec.bytesPerNode()).isEqualTo(71 + 33 + (1 + 8 * 44));
    }

    @Test
    void shouldRejectAnUnknownVersionNamingIt() throws IOException {
        byte[] bytes = fixtureBytes();
        bytes[5] = 9;
        assertThatThrownBy(() -> new NatStateCodec(SMALL).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("version 9");
    }

    @Test
    void shouldRejectAnotherKindOfRecord() throws IOException {
        byte[] bytes = fixtureBytes();
        bytes[0] = 'X';
        assertThatThrownBy(() -> new NatStateCodec(SMALL).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("not a NAT state record");
    }

    @Test
    void shouldRejectARecordOfAnotherShapeNamingBoth() throws IOException {
        assertThatThrownBy(() -> new NatStateCodec(new NatShape(8, 2, 2, 3)).decode(fixtureBytes()))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("m1=4").hasMessageContaining("m1=8");
    }

    @Test
    void shouldRejectATruncatedRecord() throws IOException {
        byte[] bytes = Arrays.copyOf(fixtureBytes(), 200);
        assertThatThrownBy(() -> new NatStateCodec(SMALL).decode(bytes))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("200 bytes");
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

    private static NatNodeState randomState(SplittableRandom rnd, NatShape shape) {
        long node = rnd.nextLong();
        NatSlots n0 = randomSlots(rnd, 1, shape.valueDim(), 0);
        NatSlots n1 = randomSlots(rnd, shape.m1(), shape.valueDim(), shape.selfDim());
        NatSlots n2 = shape.m2() > 0 ? randomSlots(rnd, shape.m2(), shape.valueDim(), shape.selfDim())
                : NatSlots.empty(1, shape.valueDim(), shape.selfDim());
        float[] self = randomFloats(rnd, shape.selfDim());
        self[0] = Float.NaN;
        PreviousEvent prev = new PreviousEvent(true, rnd.nextLong(), rnd.nextLong(1L << 40), rnd.nextDouble() * 2e9,
                randomFloats(rnd, shape.selfDim()));
        return new NatNodeState(node, n0, n1, n2, self, prev);
    }

    private static NatSlots randomSlots(SplittableRandom rnd, int capacity, int dz, int ds) {
        NatSlots.Editor e = NatSlots.empty(capacity, dz, ds).edit();
        for (int i = 0; i < capacity; i++) {
            if (rnd.nextBoolean()) {
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
