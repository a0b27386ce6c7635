package io.linkcast.state.semba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkcast.state.StateFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SembaStateCodecTest {
    private final SembaStateCodec codec = new SembaStateCodec();

    /** The state written into the v1 fixture, by hand. */
    private static SembaNodeState fixtureState() {
        return new SembaNodeState(new float[] {0.5f, -1.25f}, new float[] {2.0f, 0.0f}, 1289241911.5,
                new SembaHistory(3, 1, 1, 0, 7.0, 4.0),
                List.of(new SembaNeighbour(6, 1289241911.5, -1, SembaNeighbour.OUT, -4.0f,
                                new float[] {0.25f, 0.5f, -0.75f, 1.0f}),
                        new SembaNeighbour(35, 1289243140.25, 1, SembaNeighbour.IN, Float.NaN,
                                new float[] {0f, 0f, 0f, 0.125f})));
    }

    private static byte[] fixtureBytes() throws IOException {
        try (InputStream in = SembaStateCodecTest.class.getResourceAsStream("semba-state-v1.bin")) {
            assertThat(in).as("fixture semba-state-v1.bin").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void shouldDecodeTheVersion1FixtureWhenReadByThisBuild() throws IOException {
        assertThat(codec.decode(fixtureBytes())).isEqualTo(fixtureState());
    }

    @Test
    void shouldWriteTheDocumentedLayoutWhenEncoding() throws IOException {
        // the fixture was written from the documented layout by an independent script
        assertThat(codec.encode(fixtureState())).isEqualTo(fixtureBytes());
    }

    @Test
    void shouldRoundTripRandomStatesWhenEncodedAndDecoded() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int trial = 0; trial < 50; trial++) {
            int dim = 1 + rnd.nextInt(70);
            boolean two = rnd.nextBoolean();
            int width = two ? 2 * dim : dim;
            List<SembaNeighbour> nbrs = new ArrayList<>();
            int count = rnd.nextInt(25);
            for (int i = 0; i < count; i++) {
                nbrs.add(new SembaNeighbour(rnd.nextLong(), rnd.nextDouble() * 1e9, rnd.nextInt(3) - 1,
                        rnd.nextBoolean() ? SembaNeighbour.OUT : SembaNeighbour.IN,
                        rnd.nextInt(4) == 0 ? Float.NaN : (float) rnd.nextGaussian(), floats(rnd, width)));
            }
            int out = rnd.nextInt(1000);
            int in = rnd.nextInt(1000);
            SembaNodeState s = new SembaNodeState(floats(rnd, dim), two ? floats(rnd, dim) : new float[0],
                    rnd.nextBoolean() ? Double.NaN : rnd.nextDouble() * 1e9,
                    new SembaHistory(out, in, rnd.nextInt(out + 1), rnd.nextInt(in + 1), rnd.nextGaussian(),
                            rnd.nextGaussian()),
                    nbrs);
            byte[] bytes = codec.encode(s);
            assertThat(bytes).hasSize(SembaStateCodec.recordBytes(dim, two ? 2 : 1, count));
            assertThat(codec.decode(bytes)).isEqualTo(s);
        }
    }

    @Test
    void shouldTakeTheDocumentedBytesPerNodeWhenAtDefaults() {
        SembaNodeState empty = SembaNodeState.empty(64, true);
        assertThat(codec.encode(empty)).hasSize(562);
        List<SembaNeighbour> nbrs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            nbrs.add(new SembaNeighbour(i, i, 1, SembaNeighbour.OUT, 1f, new float[128]));
        }
        SembaNodeState full = new SembaNodeState(new float[64], new float[64], 1.0, SembaHistory.EMPTY, nbrs);
        assertThat(codec.encode(full)).hasSize(11_242);
        assertThat(SembaStateCodec.recordBytes(64, 1, 20)).isEqualTo(5_866);
    }

    @Test
    void shouldRejectAnUnknownVersionWhenDecoding() throws IOException {
        byte[] bytes = fixtureBytes();
        bytes[5] = 2;
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("unknown SEMBA state record version 2").hasMessageContaining("[1]");
    }

    @Test
    void shouldRejectAForeignRecordWhenTheMagicDiffers() throws IOException {
        byte[] bytes = fixtureBytes();
        bytes[0] = 'N';
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("not a SEMBA state record");
    }

    @Test
    void shouldRejectATruncatedOrPaddedRecord() throws IOException {
        byte[] bytes = fixtureBytes();
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("expected 142");
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, bytes.length + 3)))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("145 bytes");
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, 8)))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("truncated");
    }

    @Test
    void shouldRejectAnInvalidFieldWhenDecoding() throws IOException {
        byte[] bytes = fixtureBytes();
        // 50 fixed bytes + 4 memory floats, then the first neighbour's node (8) and time (8): its sign is at 82
        ByteBuffer.wrap(bytes).put(82, (byte) 5);
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("sign must be -1, 0 or +1, got 5");
    }

    private static float[] floats(SplittableRandom rnd, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) rnd.nextGaussian();
        }
        return out;
    }
}
