package io.linkcast.state.semba;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class SembaStateCodecTest {
    private final SembaStateCodec codec = new SembaStateCodec(COMPACT);

    /** The state written into the v1 fixture, by hand, and into the v2 fixture by {@link #writeVersion2Fixture}. */
    private static SembaNodeState fixtureState() {
        return SembaNodeState.rounded(COMPACT, new float[] {0.5f, -1.25f}, new float[] {2.0f, 0.0f}, 1289241911.5,
                new SembaHistory(3, 1, 1, 0, 7.0, 4.0),
                List.of(new SembaNeighbour(6, 1289241911.5, -1, SembaNeighbour.OUT, -4.0f,
                                new float[] {0.25f, 0.5f, -0.75f, 1.0f}, COMPACT),
                        new SembaNeighbour(35, 1289243140.25, 1, SembaNeighbour.IN, Float.NaN,
                                new float[] {0f, 0f, 0f, 0.125f}, COMPACT)));
    }

    private static byte[] fixtureBytes() throws IOException {
        return fixtureBytes(1);
    }

    private static byte[] fixtureBytes(int version) throws IOException {
        String name = "semba-state-v" + version + ".bin";
        try (InputStream in = SembaStateCodecTest.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void shouldDecodeTheVersion1FixtureWhenReadByThisBuild() throws IOException {
        assertThat(codec.decode(fixtureBytes())).isEqualTo(fixtureState());
    }

    @Test
    void shouldDecodeTheVersion2FixtureWhenReadByThisBuild() throws IOException {
        assertThat(codec.decode(fixtureBytes(2))).isEqualTo(fixtureState());
    }

    @Test
    void shouldWriteTheDocumentedLayoutWhenEncoding() throws IOException {
        byte[] golden = fixtureBytes(2);
        assertThat(codec.encode(fixtureState())).isEqualTo(golden);
        // read off the documented layout by hand, independently of the codec
        ByteBuffer buf = ByteBuffer.wrap(golden);
        assertThat(buf.getInt(0)).isEqualTo(SembaStateCodec.MAGIC);
        assertThat(buf.getShort(4)).isEqualTo((short) 2);
        assertThat(buf.getShort(6)).as("d").isEqualTo((short) 2);
        assertThat(golden[8]).as("memories").isEqualTo((byte) 2);
        assertThat(golden[9]).as("neighbours").isEqualTo((byte) 2);
        assertThat(golden[10]).as("form: halves").isEqualTo((byte) 1);
        assertThat(golden[11]).as("memoryTime is not an integer: raw").isEqualTo((byte) 1);
        assertThat(buf.getDouble(12)).isEqualTo(1289241911.5);
        assertThat(Arrays.copyOfRange(golden, 20, 26)).as("counters, then rating sums 7 and 4 as deltas")
                .containsExactly(3, 1, 1, 0, 28, 16);
        assertThat(buf.getShort(26)).as("0.5 as a half").isEqualTo((short) 0x3800);
        assertThat(golden[34]).as("first neighbour: node 6, zigzag").isEqualTo((byte) 12);
        assertThat(golden[44]).as("sign -1, OUT, weight as a byte").isEqualTo((byte) 12);
        assertThat(golden[45]).as("weight").isEqualTo((byte) -4);
        assertThat(golden[46]).as("snapshot exponent byte: 2^-6").isEqualTo((byte) (-6 + 133));
        assertThat(Arrays.copyOfRange(golden, 47, 51)).containsExactly(16, 32, -48, 64);
        assertThat(golden[61]).as("sign +1, IN, no weight").isEqualTo((byte) 2);
        assertThat(golden).hasSize(67);
    }

    /** Writes the fixture; run once by hand with {@code -Dlinkcast.writeGolden=true}, then commit the file. */
    @Test
    @EnabledIfSystemProperty(named = "linkcast.writeGolden", matches = "true")
    void writeVersion2Fixture() throws IOException {
        Files.write(Path.of("src/test/resources/io/linkcast/state/semba/semba-state-v2.bin"),
                codec.encode(fixtureState()));
    }

    @Test
    void shouldRoundTripRandomStatesWhenEncodedAndDecoded() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int trial = 0; trial < 50; trial++) {
            SembaNodeState s = randomState(rnd, COMPACT);
            byte[] bytes = codec.encode(s);
            assertThat(bytes[10]).as("compact form").isEqualTo((byte) 1);
            SembaNodeState decoded = codec.decode(bytes);
            assertThat(decoded).isEqualTo(s);
            assertThat(codec.encode(decoded)).isEqualTo(bytes);
        }
    }

    @Test
    void shouldWriteTheBytesOfSnapshotsCodedAnewWhenCopyingTheirKeptCodes() {
        for (StatePrecision precision : StatePrecision.values()) {
            SembaStateCodec atPrecision = new SembaStateCodec(precision);
            SplittableRandom rnd = new SplittableRandom(44);
            for (int trial = 0; trial < 30; trial++) {
                byte[] bytes = atPrecision.encode(randomState(rnd, precision));
                SembaNodeState decoded = atPrecision.decode(bytes); // its snapshots' codes read from the record
                List<SembaNeighbour> anew = new ArrayList<>();
                for (SembaNeighbour n : decoded.neighbours()) {
                    anew.add(new SembaNeighbour(n.node(), n.t(), n.sign(), n.direction(), n.weight(),
                            n.snapshot().clone(), precision));
                }
                assertThat(atPrecision.encode(decoded)).as(precision.name()).isEqualTo(bytes);
                assertThat(atPrecision.encode(new SembaNodeState(decoded.positiveMemory(), decoded.negativeMemory(),
                        decoded.memoryTime(), decoded.history(), anew))).isEqualTo(bytes);
            }
        }
    }

    @Test
    void shouldRoundTripFloat32StatesWhenTheCodecKeepsThem() {
        SembaStateCodec float32 = new SembaStateCodec(FP32);
        SplittableRandom rnd = new SplittableRandom(43);
        for (int trial = 0; trial < 50; trial++) {
            SembaNodeState s = randomState(rnd, FP32);
            byte[] bytes = float32.encode(s);
            SembaNodeState decoded = float32.decode(bytes);
            assertThat(decoded).isEqualTo(s);
            assertThat(Float.floatToRawIntBits(decoded.positiveMemory()[0]))
                    .isEqualTo(Float.floatToRawIntBits(s.positiveMemory()[0]));
        }
    }

    @Test
    void shouldMigrateOldAndFloat32RecordsToTheStateMadeNow() {
        SplittableRandom rnd = new SplittableRandom(44);
        for (int trial = 0; trial < 20; trial++) {
            long seed = rnd.nextLong();
            SembaNodeState fp32 = randomState(new SplittableRandom(seed), FP32);
            byte[] v2 = codec.encode(fp32);
            SembaNodeState compact = randomState(new SplittableRandom(seed), COMPACT);
            assertThat(v2[10]).as("float32 form").isEqualTo((byte) 0);
            assertThat(codec.decode(v2)).isEqualTo(compact);
            assertThat(codec.decode(version1(fp32))).isEqualTo(compact);
        }
    }

    @Test
    void shouldRoundMemoriesAndSnapshotsWhereTheRecordIsMade() {
        float[] snap = {0.9f, -0.1f, 0.3f, 0.7f};
        SembaNeighbour n = new SembaNeighbour(1, 2.0, 1, SembaNeighbour.OUT, 1f, snap, COMPACT);
        assertThat(n.snapshot()).containsExactly(Snapshot8.round(snap)).isNotSameAs(snap);
        SembaNodeState s = SembaNodeState.rounded(COMPACT, new float[] {0.1f, 0.2f}, new float[] {0.3f, 0.4f}, 2.0,
                SembaHistory.EMPTY, List.of(n));
        assertThat(s.positiveMemory()).containsExactly(Half.round(0.1f), Half.round(0.2f));
        assertThat(s.negativeMemory()).containsExactly(Half.round(0.3f), Half.round(0.4f));
        assertThat(snap[1]).as("the caller's array is not touched").isEqualTo(-0.1f);
    }

    @Test
    void shouldTakeTheDocumentedBytesPerNodeWhenAtDefaults() {
        SembaNodeState empty = SembaNodeState.empty(64, true);
        // 11 fixed + 9 NaN time + 4 counters + 2 rating sums + 256 memories
        assertThat(codec.encode(empty)).hasSize(282);
        // memoryTime 1.5e9 + 1000 (5 bytes) instead of NaN (9): 278; the first neighbour 138 (its time against 0
        // takes 5 bytes), each later one 135
        assertThat(codec.encode(typical(10))).hasSize(278 + 138 + 9 * 135).hasSize(1_631);
        assertThat(codec.encode(typical(20))).hasSize(278 + 138 + 19 * 135).hasSize(2_981);
        assertThat(codec.decode(codec.encode(typical(20)))).isEqualTo(typical(20));
        assertThat(SembaLegacyFormat.recordBytes(64, 2, 20)).isEqualTo(11_242);
        assertThat(SembaLegacyFormat.recordBytes(64, 1, 20)).isEqualTo(5_866);
    }

    /**
     * A node at the defaults after {@code count} events, one every 100 s from Unix time 1.5e9 with partners
     * 1000 + i and ratings in [-10, 10]: the first neighbour's time takes 5 bytes, the others 2 (a 100 s
     * delta), node ids 2, flags and weight 1 each, the snapshot 129.
     */
    private static SembaNodeState typical(int count) {
        SplittableRandom rnd = new SplittableRandom(count);
        List<SembaNeighbour> nbrs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] snap = new float[128];
            for (int j = 0; j < 128; j++) {
                snap[j] = (float) Math.tanh(rnd.nextGaussian());
            }
            nbrs.add(new SembaNeighbour(1000 + i, 1.5e9 + 100 * i, 1, SembaNeighbour.OUT, rnd.nextInt(-10, 11), snap,
                    COMPACT));
        }
        float[] pos = new float[64];
        float[] neg = new float[64];
        for (int j = 0; j < 64; j++) {
            pos[j] = (float) Math.tanh(rnd.nextGaussian());
            neg[j] = (float) Math.tanh(rnd.nextGaussian());
        }
        return SembaNodeState.rounded(COMPACT, pos, neg, 1.5e9 + 1000, new SembaHistory(10, 10, 0, 0, 5, -5), nbrs);
    }

    /** A random state as a model at {@code precision} makes it. */
    private static SembaNodeState randomState(SplittableRandom rnd, StatePrecision precision) {
        int dim = 1 + rnd.nextInt(70);
        boolean two = rnd.nextBoolean();
        int width = two ? 2 * dim : dim;
        List<SembaNeighbour> nbrs = new ArrayList<>();
        int count = rnd.nextInt(25);
        for (int i = 0; i < count; i++) {
            float weight = switch (rnd.nextInt(4)) {
                case 0 -> Float.NaN;
                case 1 -> rnd.nextInt(-200, 200);
                default -> (float) rnd.nextGaussian();
            };
            nbrs.add(new SembaNeighbour(rnd.nextLong(), rnd.nextBoolean() ? rnd.nextDouble() * 1e9
                    : rnd.nextInt(1_000_000_000), rnd.nextInt(3) - 1,
                    rnd.nextBoolean() ? SembaNeighbour.OUT : SembaNeighbour.IN, weight, floats(rnd, width),
                    precision));
        }
        int out = rnd.nextInt(1000);
        int in = rnd.nextInt(1000);
        return SembaNodeState.rounded(precision, floats(rnd, dim), two ? floats(rnd, dim) : new float[0],
                rnd.nextBoolean() ? Double.NaN : rnd.nextDouble() * 1e9,
                new SembaHistory(out, in, rnd.nextInt(out + 1), rnd.nextInt(in + 1), rnd.nextGaussian(),
                        rnd.nextInt(-50, 50)),
                nbrs);
    }

    /** A version-1 record of {@code s}, written field by field from that version's documented layout. */
    private static byte[] version1(SembaNodeState s) {
        int m = s.hasNegativeMemory() ? 2 : 1;
        ByteBuffer buf = ByteBuffer.allocate(SembaLegacyFormat.recordBytes(s.memoryDim(), m, s.neighbours().size()));
        buf.putInt(SembaStateCodec.MAGIC).putShort((short) 1);
        buf.putShort((short) s.memoryDim()).put((byte) m).put((byte) s.neighbours().size());
        buf.putDouble(s.memoryTime());
        SembaHistory h = s.history();
        buf.putInt(h.outDegree()).putInt(h.inDegree()).putInt(h.negativeGiven()).putInt(h.negativeReceived());
        buf.putDouble(h.ratingGiven()).putDouble(h.ratingReceived());
        for (float f : s.memorySnapshot()) {
            buf.putFloat(f);
        }
        for (SembaNeighbour n : s.neighbours()) {
            buf.putLong(n.node()).putDouble(n.t()).put((byte) n.sign()).put((byte) n.direction()).putFloat(n.weight());
            for (float f : n.snapshot()) {
                buf.putFloat(f);
            }
        }
        return buf.array();
    }

    @Test
    void shouldRejectAnUnknownVersionWhenDecoding() throws IOException {
        byte[] bytes = fixtureBytes(2);
        bytes[5] = 3;
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("unknown SEMBA state record version 3").hasMessageContaining("[2, 1]");
    }

    @Test
    void shouldRejectAForeignRecordWhenTheMagicDiffers() throws IOException {
        byte[] bytes = fixtureBytes(2);
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
        byte[] v2 = fixtureBytes(2);
        for (int length = 6; length < v2.length; length++) {
            byte[] cut = Arrays.copyOf(v2, length);
            assertThatThrownBy(() -> codec.decode(cut)).as("cut at %d", length)
                    .isInstanceOf(StateFormatException.class).hasMessageContaining("truncated at " + length);
        }
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(v2, v2.length + 2)))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("2 bytes left over");
    }

    @Test
    void shouldRejectAnInvalidFieldWhenDecoding() throws IOException {
        byte[] bytes = fixtureBytes();
        // 50 fixed bytes + 4 memory floats, then the first neighbour's node (8) and time (8): its sign is at 82
        ByteBuffer.wrap(bytes).put(82, (byte) 5);
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("sign must be -1, 0 or +1, got 5");
        byte[] v2 = fixtureBytes(2);
        v2[44] = 3;
        assertThatThrownBy(() -> codec.decode(v2)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("neighbour flags 3");
    }

    private static float[] floats(SplittableRandom rnd, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) rnd.nextGaussian();
        }
        return out;
    }
}
