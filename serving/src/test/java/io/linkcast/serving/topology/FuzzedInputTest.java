package io.linkcast.serving.topology;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.linkcast.ingest.DeadLetter;
import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.model.engine.CompositeModel;
import io.linkcast.model.engine.ModelHandle;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.nat.NatConfig;
import io.linkcast.model.nat.NatModel;
import io.linkcast.model.nat.NatNetwork;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the input (issue 15, item 7): 10,000 records of random bytes, JSON of every shape, extreme
 * numbers and long strings, through the production topology with the baseline and with NAT. Every record comes
 * out exactly once, as a prediction or as a dead letter with its original bytes, and the stream keeps predicting.
 */
class FuzzedInputTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int RECORDS = 10_000;
    private static final NatConfig NAT = NatConfig.defaults().withSlots(16, 8).withDims(4, 32, 8, 10, 32, 0, 2);

    @TempDir
    Path dir;

    @Test
    void shouldAccountForEveryFuzzedRecordServingTheBaseline() {
        fuzz(new BaselineModel(BaselineConfig.defaults()), "baseline", 11);
    }

    @Test
    void shouldAccountForEveryFuzzedRecordServingNat() throws Exception {
        try (NatNetwork network = NatNetwork.create(NAT, 5, Device.cpu())) {
            fuzz(new NatModel(network, "fuzz"), "nat", 12);
        }
    }

    private void fuzz(StreamModel<?> model, String name, long seed) {
        TopologySettings settings = TopologySettings.defaults().withBatch(64, 1_000);
        Properties p = DriverTopics.properties("linkcast-fuzz", dir.resolve(name));
        ModelHandle<?> handle = new ModelHandle<>(new CompositeModel(List.of(model)));
        SplittableRandom rnd = new SplittableRandom(seed);
        List<byte[]> sent = new ArrayList<>(RECORDS);
        int[] byKind = new int[Fuzz.KINDS];
        try (TopologyTestDriver driver = new TopologyTestDriver(LinkcastTopology.build(settings, handle,
                StreamListener.NONE), p, T0)) {
            DriverTopics topics = DriverTopics.of(driver, settings, T0);
            TestInputTopic<byte[], byte[]> in = topics.in();
            TestOutputTopic<byte[], byte[]> out = topics.out();
            TestOutputTopic<byte[], byte[]> dlq = topics.dlq();
            for (int i = 0; i < RECORDS; i++) {
                int kind = rnd.nextInt(Fuzz.KINDS);
                byKind[kind]++;
                byte[] record = Fuzz.record(kind, rnd);
                sent.add(record);
                in.pipeInput(new byte[0], record);
            }
            // and the stream still predicts afterwards
            sent.add("{\"src\":\"a\",\"dst\":\"b\",\"t\":1}".getBytes(StandardCharsets.UTF_8));
            in.pipeInput(new byte[0], sent.get(sent.size() - 1));
            driver.advanceWallClockTime(Duration.ofMillis(2_000));

            List<Prediction> predictions = out.readValuesToList().stream().map(PredictionJson::decode).toList();
            List<DeadLetter> letters = dlq.readRecordsToList().stream()
                    .map((TestRecord<byte[], byte[]> r) -> DeadLetter.from(r.headers(), r.value())).toList();
            int[] seen = new int[sent.size()];
            for (Prediction pr : predictions) {
                seen[(int) pr.offset()]++;
            }
            for (DeadLetter d : letters) {
                seen[(int) d.offset()]++;
                assertThat(d.original()).as("dead letter at %d keeps its bytes", d.offset())
                        .isEqualTo(sent.get((int) d.offset()));
                assertThat(d.detail()).isNotBlank();
            }
            System.out.printf("%s: %d records (kinds %s): %d predictions, %d dead letters%n", name, sent.size(),
                    Arrays.toString(byKind), predictions.size(), letters.size());
            assertThat(seen).as("every record exactly once, as a prediction or a dead letter").containsOnly(1);
            assertThat(predictions.get(predictions.size() - 1).offset()).isEqualTo(sent.size() - 1);
            // the fuzz reached both sides, or the accounting above would prove little
            assertThat(predictions.size()).isGreaterThan(RECORDS / 20);
            assertThat(letters.size()).isGreaterThan(RECORDS / 10);
        }
    }

    /** The record generator: each kind is one way input goes wrong, or right with strange values. */
    private static final class Fuzz {
        static final int KINDS = 6;
        private static final String[] KEYS = {"src", "dst", "t", "sign", "weight", "id", "extra"};

        static byte[] record(int kind, SplittableRandom rnd) {
            return switch (kind) {
                case 0 -> randomBytes(rnd);
                case 1 -> truncated(event(rnd), rnd);
                case 2 -> randomJson(rnd, 0).getBytes(StandardCharsets.UTF_8);
                case 3 -> objectWithRandomFields(rnd).getBytes(StandardCharsets.UTF_8);
                default -> event(rnd).getBytes(StandardCharsets.UTF_8);
            };
        }

        private static byte[] randomBytes(SplittableRandom rnd) {
            byte[] b = new byte[rnd.nextInt(0, 300)];
            rnd.nextBytes(b);
            return b;
        }

        private static byte[] truncated(String json, SplittableRandom rnd) {
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            return Arrays.copyOf(b, rnd.nextInt(0, b.length));
        }

        /** A well-formed event whose values are drawn from the edges of what the fields accept. */
        private static String event(SplittableRandom rnd) {
            StringBuilder s = new StringBuilder("{\"src\":").append(id(rnd)).append(",\"dst\":").append(id(rnd))
                    .append(",\"t\":").append(number(rnd));
            if (rnd.nextBoolean()) {
                s.append(",\"sign\":").append(rnd.nextInt(-2, 3));
            }
            if (rnd.nextInt(4) == 0) {
                s.append(",\"weight\":").append(number(rnd));
            }
            if (rnd.nextInt(4) == 0) {
                s.append(",\"id\":").append(string(rnd));
            }
            return s.append('}').toString();
        }

        private static String id(SplittableRandom rnd) {
            return switch (rnd.nextInt(5)) {
                case 0 -> Long.toString(rnd.nextLong());
                case 1 -> Integer.toString(rnd.nextInt(0, 50));
                case 2 -> "\"" + rnd.nextInt(0, 50) + "\"";
                case 3 -> string(rnd);
                default -> rnd.nextBoolean() ? "null" : "1.5";
            };
        }

        private static String number(SplittableRandom rnd) {
            return switch (rnd.nextInt(8)) {
                case 0 -> "1e308";
                case 1 -> "-1e308";
                case 2 -> "1e400";
                case 3 -> "4.9e-324";
                case 4 -> "0";
                case 5 -> Double.toString(rnd.nextDouble() * 2e9);
                case 6 -> "\"NaN\"";
                default -> Long.toString(rnd.nextLong());
            };
        }

        private static String string(SplittableRandom rnd) {
            int n = rnd.nextInt(8) == 0 ? rnd.nextInt(1_000, 6_000) : rnd.nextInt(0, 20);
            StringBuilder s = new StringBuilder("\"");
            for (int i = 0; i < n; i++) {
                int c = rnd.nextInt(6) == 0 ? rnd.nextInt(0x80, 0x3000) : rnd.nextInt(0x20, 0x7f);
                if (c == '"' || c == '\\') {
                    s.append('\\');
                }
                s.append((char) c);
            }
            return s.append('"').toString();
        }

        private static String objectWithRandomFields(SplittableRandom rnd) {
            StringBuilder s = new StringBuilder("{");
            int n = rnd.nextInt(0, 7);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    s.append(',');
                }
                s.append('"').append(KEYS[rnd.nextInt(KEYS.length)]).append("\":").append(randomJson(rnd, 1));
            }
            return s.append('}').toString();
        }

        private static String randomJson(SplittableRandom rnd, int depth) {
            return switch (depth > 3 ? rnd.nextInt(4) : rnd.nextInt(7)) {
                case 0 -> number(rnd);
                case 1 -> string(rnd);
                case 2 -> rnd.nextBoolean() ? "true" : "null";
                case 3 -> id(rnd);
                case 4 -> "[" + randomJson(rnd, depth + 1) + "," + randomJson(rnd, depth + 1) + "]";
                case 5 -> "{\"src\":" + randomJson(rnd, depth + 1) + "}";
                default -> objectWithRandomFields(rnd);
            };
        }
    }
}
