package io.linkcast.serving.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.InteractionJson;
import io.linkcast.ingest.SyntheticConfig;
import io.linkcast.ingest.SyntheticStream;
import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.model.engine.ForwardingModel;
import io.linkcast.model.engine.ModelHandle;
import io.linkcast.model.engine.ModelInfo;
import io.linkcast.state.DecodedNodeStore;
import io.linkcast.state.StateCodec;
import io.linkcast.state.baseline.BaselineNodeState;
import io.linkcast.state.baseline.BaselineStateCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hot swap takes the node store with it: after the swap, records are written with the replacement's codec. */
class HotSwapStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final byte[] MARK = "swapped!".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void shouldWriteWithTheReplacementsCodecAfterASwap() {
        TopologySettings settings = TopologySettings.defaults().withBatch(50, 1_000);
        ModelHandle<BaselineNodeState> handle = new ModelHandle<>(new BaselineModel(BaselineConfig.defaults()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "linkcast-swap");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        Iterator<Interaction> events = new SyntheticStream(SyntheticConfig.defaults(50, 400, 3)).iterator();
        try (TopologyTestDriver driver = new TopologyTestDriver(LinkcastTopology.build(settings, handle,
                StreamListener.NONE), p, T0)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(settings.interactionsTopic(),
                    new ByteArraySerializer(), new ByteArraySerializer(), T0, Duration.ofMillis(1));
            DecodedNodeStore store = StoredNodes.of(driver);
            Interaction last = null;
            for (int i = 0; i < 200; i++) {
                last = events.next();
                in.pipeInput(new byte[0], InteractionJson.encode(last));
            }
            assertThat(marked(store.record(last.src()))).as("before the swap").isFalse();

            handle.swap(new MarkedBaseline());
            for (int i = 0; i < 200; i++) {
                last = events.next();
                in.pipeInput(new byte[0], InteractionJson.encode(last));
            }
            assertThat(marked(store.record(last.src()))).as("written after the swap").isTrue();
        }
    }

    private static boolean marked(byte[] record) {
        return record != null && record.length >= MARK.length
                && Arrays.equals(record, record.length - MARK.length, record.length, MARK, 0, MARK.length);
    }

    /** The baseline under the same name, whose codec marks the records of nodes with events (empty ones as before). */
    private static final class MarkedBaseline extends ForwardingModel<BaselineNodeState> {
        private final StateCodec<BaselineNodeState> codec = new StateCodec<>() {
            private final BaselineStateCodec plain = new BaselineStateCodec();

            @Override
            public int version() {
                return plain.version();
            }

            @Override
            public byte[] encode(BaselineNodeState state) {
                byte[] bytes = plain.encode(state);
                if (state.events() == 0) {
                    return bytes;
                }
                byte[] out = Arrays.copyOf(bytes, bytes.length + MARK.length);
                System.arraycopy(MARK, 0, out, bytes.length, MARK.length);
                return out;
            }

            @Override
            public BaselineNodeState decode(byte[] bytes) {
                return plain.decode(marked(bytes) ? Arrays.copyOf(bytes, bytes.length - MARK.length) : bytes);
            }
        };

        @Override
        public ModelInfo info() {
            return new ModelInfo("baseline", "marked");
        }

        @Override
        public StateCodec<BaselineNodeState> codec() {
            return codec;
        }

        MarkedBaseline() {
            super(new BaselineModel(BaselineConfig.defaults()));
        }
    }
}
