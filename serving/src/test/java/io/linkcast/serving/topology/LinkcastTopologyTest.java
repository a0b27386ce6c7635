package io.linkcast.serving.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.ingest.DeadLetter;
import io.linkcast.ingest.RejectReason;
import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.state.DecodedNodeStore;
import io.linkcast.state.baseline.BaselineNodeState;
import io.linkcast.state.baseline.BaselineStateCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkcastTopologyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path stateDir;

    /** A driver over the production topology, with a listener that counts what the stream reports. */
    private final class Harness implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<byte[], byte[]> in;
        final TestOutputTopic<byte[], byte[]> out;
        final TestOutputTopic<byte[], byte[]> dlq;
        final Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
        final List<int[]> batches = new ArrayList<>();
        final List<float[]> quality = new ArrayList<>();
        int accepted;

        Harness(TopologySettings settings, String dir) {
            StreamListener listener = new StreamListener() {
                @Override
                public void accepted() {
                    accepted++;
                }

                @Override
                public void rejected(RejectReason reason) {
                    rejected.merge(reason, 1, Integer::sum);
                }

                @Override
                public void batch(int events, int waves, long nanos) {
                    batches.add(new int[] {events, waves});
                }

                @Override
                public void predicted(double latencyMs) {
                }

                @Override
                public void quality(float linkPositive, float linkNegative, int sign, float pPositive) {
                    quality.add(new float[] {linkPositive, linkNegative, sign, pPositive});
                }
            };
            Properties p = new Properties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, "linkcast-test");
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(dir).toString());
            driver = new TopologyTestDriver(LinkcastTopology.build(settings,
                    new BaselineModel(BaselineConfig.defaults()), listener), p, T0);
            in = driver.createInputTopic(settings.interactionsTopic(), new ByteArraySerializer(), new ByteArraySerializer(),
                    T0, Duration.ofMillis(1));
            out = driver.createOutputTopic(settings.predictionsTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            dlq = driver.createOutputTopic(settings.deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        void send(String json) {
            in.pipeInput("k".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
        }

        List<Prediction> predictions() {
            return out.readValuesToList().stream().map(PredictionJson::decode).toList();
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    @Test
    void shouldPredictEveryValidEventFromTheStateBeforeIt() {
        try (Harness h = new Harness(TopologySettings.defaults().withBatch(1, 20), "a")) {
            h.send("{\"src\":\"alice\",\"dst\":\"bob\",\"t\":100,\"sign\":1,\"id\":\"e1\"}");
            h.send("{\"src\":\"alice\",\"dst\":\"bob\",\"t\":160,\"sign\":-1}");
            h.send("{\"src\":\"alice\",\"dst\":\"carol\",\"t\":200}");
            List<Prediction> p = h.predictions();
            assertThat(p).hasSize(3);
            assertThat(p.get(0).offset()).isEqualTo(0);
            assertThat(p.get(0).id()).isEqualTo("e1");
            assertThat(p.get(0).src()).isEqualTo("alice");
            assertThat(p.get(0).model()).isEqualTo("baseline");
            // the first event of a pair is unseen: EdgeBank scores it below 0.5; the repeat, 60 s later, above
            assertThat(p.get(0).pLink()).isLessThan(0.5f);
            assertThat(p.get(1).pLink()).isGreaterThan(0.99f);
            // after one positive rating alice -> bob the baseline leans strongly positive for the pair
            assertThat(p.get(1).pPositive()).isGreaterThan(p.get(0).pPositive());
            assertThat(p.get(2).pLink()).isLessThan(0.5f);
            assertThat(p.get(2).t()).isEqualTo(200.0);
            assertThat(h.dlq.isEmpty()).isTrue();
            assertThat(h.accepted).isEqualTo(3);
        }
    }

    @Test
    void shouldDeadLetterBadRecordsWithTheirReasonAndKeepGoing() {
        try (Harness h = new Harness(TopologySettings.defaults().withBatch(1, 20), "b")) {
            h.send("{\"src\":1,\"dst\":2,\"t\":1}");
            h.send("{not json");
            h.send("{\"src\":1,\"t\":3}");
            h.send("{\"src\":1,\"dst\":2,\"t\":4,\"sign\":0}");
            h.send("[1,2,3]");
            h.send("{\"src\":1,\"dst\":2,\"t\":\"yesterday\"}");
            h.send("{\"src\":3,\"dst\":4,\"t\":7}");
            assertThat(h.predictions()).extracting(Prediction::offset).containsExactly(0L, 6L);
            List<TestRecord<byte[], byte[]>> dead = h.dlq.readRecordsToList();
            assertThat(dead).hasSize(5);
            List<DeadLetter> letters = dead.stream().map(r -> DeadLetter.from(r.headers(), r.value())).toList();
            assertThat(letters).extracting(DeadLetter::reason).containsExactly(RejectReason.INVALID_JSON,
                    RejectReason.MISSING_FIELD, RejectReason.INVALID_SIGN, RejectReason.NOT_AN_OBJECT, RejectReason.WRONG_TYPE);
            assertThat(letters).extracting(DeadLetter::offset).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(letters.get(0).topic()).isEqualTo("interactions");
            assertThat(new String(letters.get(0).original(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(letters.get(1).detail()).contains("'dst'");
            assertThat(h.rejected).containsEntry(RejectReason.INVALID_JSON, 1).containsEntry(RejectReason.WRONG_TYPE, 1);
        }
    }

    @Test
    void shouldReportLiveQualityWithAReadOnlyNegativePerEvent() {
        try (Harness h = new Harness(TopologySettings.defaults().withBatch(1, 20), "q")) {
            h.send("{\"src\":1,\"dst\":2,\"t\":1}");
            h.send("{\"src\":3,\"dst\":4,\"t\":2}");
            h.send("{\"src\":1,\"dst\":2,\"t\":3,\"sign\":-1}");
            List<Prediction> p = h.predictions();
            assertThat(h.quality).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(h.quality.get(i)[0]).isEqualTo(p.get(i).pLink());
                assertThat(h.quality.get(i)[3]).isEqualTo(p.get(i).pPositive());
            }
            // the repeated pair 1->2 is known to EdgeBank; its negative 1->w (w != 2) is not
            assertThat(h.quality.get(2)[0]).isGreaterThan(0.5f);
            assertThat(h.quality.get(2)[1]).isLessThan(0.5f);
            assertThat(h.quality.get(2)[2]).isEqualTo(-1f);
            // scoring negatives wrote nothing: node 4 was only ever a destination, never a source
            BaselineNodeState four = new BaselineStateCodec().decode(StoredNodes.of(h.driver).record(4));
            assertThat(four.events()).isEqualTo(1);
        }
    }

    @Test
    void shouldHoldABatchUntilItIsFullOrTheFlushIntervalPasses() {
        try (Harness h = new Harness(TopologySettings.defaults().withBatch(5, 50), "c")) {
            for (int i = 0; i < 7; i++) {
                h.send("{\"src\":" + i + ",\"dst\":" + (i + 1) + ",\"t\":" + i + "}");
            }
            assertThat(h.predictions()).extracting(Prediction::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
            h.driver.advanceWallClockTime(Duration.ofMillis(10));
            assertThat(h.out.isEmpty()).isTrue();
            h.driver.advanceWallClockTime(Duration.ofMillis(60));
            assertThat(h.predictions()).extracting(Prediction::offset).containsExactly(5L, 6L);
            assertThat(h.batches).extracting(b -> b[0]).containsExactly(5, 2);
            // 0->1, 1->2, ... is a chain: every event waits for the previous one
            assertThat(h.batches).extracting(b -> b[1]).containsExactly(5, 2);
        }
    }

    @Test
    void shouldNotLetAClockTickFlushEventsYoungerThanTheInterval() {
        try (Harness h = new Harness(TopologySettings.defaults().withBatch(5, 50), "young")) {
            h.driver.advanceWallClockTime(Duration.ofMillis(45));
            h.send("{\"src\":1,\"dst\":2,\"t\":1}");
            h.send("{\"src\":3,\"dst\":4,\"t\":2}");
            // a tick passes 5 ms after the events arrived: too young to flush
            h.driver.advanceWallClockTime(Duration.ofMillis(10));
            assertThat(h.out.isEmpty()).isTrue();
            h.send("{\"src\":5,\"dst\":6,\"t\":3}");
            h.driver.advanceWallClockTime(Duration.ofMillis(50));
            assertThat(h.predictions()).extracting(Prediction::offset).containsExactly(0L, 1L, 2L);
            assertThat(h.batches).extracting(b -> b[0]).containsExactly(3);
        }
    }

    @Test
    void shouldGiveTheSamePredictionsAndStateWhateverTheBatchSize() {
        List<String> events = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 400; i++) {
            int s = r.nextInt(4) == 0 ? 0 : r.nextInt(40);
            int d = r.nextInt(40);
            events.add("{\"src\":" + s + ",\"dst\":" + d + ",\"t\":" + (i * 10) + ",\"sign\":" + (r.nextInt(8) == 0 ? -1 : 1) + "}");
        }
        List<List<String>> runs = new ArrayList<>();
        List<Map<Long, BaselineNodeState>> states = new ArrayList<>();
        for (int batch : new int[] {1, 7, 200}) {
            try (Harness h = new Harness(TopologySettings.defaults().withBatch(batch, 20), "d" + batch)) {
                events.forEach(h::send);
                h.driver.advanceWallClockTime(Duration.ofMillis(100));
                runs.add(h.predictions().stream().map(p -> p.offset() + ":" + p.pLink() + ":" + p.pPositive()).toList());
                DecodedNodeStore store = StoredNodes.of(h.driver);
                Map<Long, BaselineNodeState> m = new java.util.TreeMap<>();
                BaselineStateCodec codec = new BaselineStateCodec();
                try (var it = store.records()) {
                    it.forEachRemaining(kv -> m.put(ByteBuffer.wrap(kv.key.get()).getLong(), codec.decode(kv.value)));
                }
                states.add(m);
            }
        }
        assertThat(runs.get(0)).hasSize(400);
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(2)).isEqualTo(runs.get(0));
        assertThat(states.get(0)).hasSizeGreaterThan(30);
        assertThat(states.get(1)).isEqualTo(states.get(0));
        assertThat(states.get(2)).isEqualTo(states.get(0));
    }
}
