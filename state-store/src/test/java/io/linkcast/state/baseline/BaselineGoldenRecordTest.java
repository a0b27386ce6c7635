package io.linkcast.state.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The released version-1 record, kept as {@code src/test/resources/state/baseline-v1.bin}: this build must read
 * it and write it byte for byte (architecture contract 6).
 */
class BaselineGoldenRecordTest {
    private static final String RESOURCE = "/state/baseline-v1.bin";
    private final BaselineStateCodec codec = new BaselineStateCodec();

    /**
     * Capacity 3 after: out 101 @1.5 (+), in from 200 @2.0 (-), out 102 @3.0 (-), out 101 @4.0 (unsigned),
     * out 103 @5.0 (+), out 104 @6.0 (unsigned: evicts 102), in from 201 @2.5 (+, late). Worked out by hand.
     */
    static BaselineNodeState expected() {
        return BaselineNodeState.of(2.5, 7, 2, 1, 1, 1, 3, List.of(
                new PartnerEntry(104, 6.0, 0, 1),
                new PartnerEntry(103, 5.0, +1, 1),
                new PartnerEntry(101, 4.0, +1, 2)));
    }

    private static byte[] golden() throws IOException {
        try (InputStream in = BaselineGoldenRecordTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void shouldProduceHandWorkedStateFromTransitions() {
        BaselineNodeState s = BaselineNodeState.empty(3)
                .withOutgoing(101, 1.5, +1)
                .withIncoming(200, 2.0, -1)
                .withOutgoing(102, 3.0, -1)
                .withOutgoing(101, 4.0, 0)
                .withOutgoing(103, 5.0, +1)
                .withOutgoing(104, 6.0, 0)
                .withIncoming(201, 2.5, +1);
        assertThat(s).isEqualTo(expected());
    }

    @Test
    void shouldDecodeGoldenRecord() throws IOException {
        assertThat(codec.decode(golden())).isEqualTo(expected());
    }

    @Test
    void shouldEncodeToGoldenBytes() throws IOException {
        byte[] golden = golden();
        assertThat(codec.encode(expected())).isEqualTo(golden);
        // a few fields read straight off the layout, independent of the codec
        assertThat(golden).hasSize(42 + 3 * 21);
        assertThat(new String(golden, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("BASE");
        ByteBuffer buf = ByteBuffer.wrap(golden);
        assertThat(buf.getShort(4)).isEqualTo((short) 1);
        assertThat(buf.getShort(6)).isEqualTo((short) 3);
        assertThat(buf.getShort(8)).isEqualTo((short) 3);
        assertThat(buf.getDouble(10)).isEqualTo(2.5);
        assertThat(buf.getLong(18)).isEqualTo(7L);
        assertThat(buf.getLong(42)).isEqualTo(104L);
        assertThat(buf.getLong(42 + 2 * 21)).isEqualTo(101L);
        assertThat(buf.getInt(42 + 2 * 21 + 16)).isEqualTo(2);
    }

    /** Writes the fixture; run once by hand with {@code -Dlinkcast.writeGolden=true}, then commit the file. */
    @Test
    @EnabledIfSystemProperty(named = "linkcast.writeGolden", matches = "true")
    void writeGoldenRecord() throws IOException {
        Path file = Path.of("src/test/resources" + RESOURCE);
        Files.createDirectories(file.getParent());
        Files.write(file, codec.encode(expected()));
    }
}
