package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.ingest.DeadLetter;
import io.linkcast.ingest.RejectReason;
import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.serving.topology.Prediction;
import io.linkcast.serving.topology.PredictionJson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** 1,000 events through a real broker, 50 of them malformed in ten different ways. */
class MalformedInputIntegrationTest extends EmbeddedBrokerTest {
    /** Ten kinds of bad record, each with the reason it must be dead-lettered for. */
    static final List<Map.Entry<String, RejectReason>> BAD = List.of(
            Map.entry("{\"src\":1,\"dst\":2,\"t\":", RejectReason.INVALID_JSON),
            Map.entry("[\"src\",1]", RejectReason.NOT_AN_OBJECT),
            Map.entry("{\"dst\":2,\"t\":5}", RejectReason.MISSING_FIELD),
            Map.entry("{\"src\":1,\"dst\":2,\"t\":\"noon\"}", RejectReason.WRONG_TYPE),
            Map.entry("{\"src\":1,\"dst\":2,\"t\":1e999}", RejectReason.NON_FINITE_TIME),
            Map.entry("{\"src\":1,\"dst\":2,\"t\":5,\"sign\":2}", RejectReason.INVALID_SIGN),
            Map.entry("{\"src\":\"\",\"dst\":2,\"t\":5}", RejectReason.INVALID_ID),
            Map.entry("{\"src\":1,\"dst\":2,\"t\":5,\"colour\":\"red\"}", RejectReason.UNKNOWN_FIELD),
            Map.entry("{\"src\":1,\"dst\":2,\"t\":5,\"pad\":\"" + "x".repeat(5000) + "\"}", RejectReason.OVERSIZED_RECORD),
            Map.entry("", RejectReason.EMPTY_RECORD));

    @Test
    void shouldPredict950EventsAndDeadLetter50WithTheirReasons() {
        List<String> records = new ArrayList<>();
        Map<Integer, RejectReason> expectedBad = new java.util.HashMap<>();
        SplittableRandom r = new SplittableRandom(11);
        Set<Integer> badPositions = new HashSet<>();
        while (badPositions.size() < 50) {
            badPositions.add(r.nextInt(1000));
        }
        int k = 0;
        for (int i = 0; i < 1000; i++) {
            if (badPositions.contains(i)) {
                Map.Entry<String, RejectReason> bad = BAD.get(k++ % BAD.size());
                records.add(bad.getKey());
                expectedBad.put(i, bad.getValue());
            } else {
                records.add("{\"src\":" + r.nextInt(100) + ",\"dst\":" + r.nextInt(100) + ",\"t\":" + i
                        + ",\"sign\":" + (r.nextInt(10) == 0 ? -1 : 1) + "}");
            }
        }
        ServiceConfig config = KafkaTestSupport.config(broker.bootstrapServers(), dir.resolve("state"), "malformed", 64);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (LinkcastService<?> service = new LinkcastService<>(config, new BaselineModel(BaselineConfig.defaults()), registry)) {
            service.start(Duration.ofSeconds(60));
            KafkaTestSupport.produce(broker.bootstrapServers(), config.topology().interactionsTopic(), records);

            List<ConsumerRecord<byte[], byte[]>> predictions = KafkaTestSupport.consume(broker.bootstrapServers(),
                    config.topology().predictionsTopic(), 950, Duration.ofSeconds(60));
            List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestSupport.consume(broker.bootstrapServers(),
                    config.topology().deadLetterTopic(), 50, Duration.ofSeconds(30));

            assertThat(predictions).hasSize(950);
            List<Long> predicted = predictions.stream().map(p -> PredictionJson.decode(p.value())).map(Prediction::offset).toList();
            assertThat(predicted).doesNotHaveDuplicates().isSorted().noneMatch(o -> expectedBad.containsKey(o.intValue()));

            assertThat(dead).hasSize(50);
            Map<RejectReason, Integer> counts = new EnumMap<>(RejectReason.class);
            for (ConsumerRecord<byte[], byte[]> d : dead) {
                DeadLetter letter = DeadLetter.from(d.headers(), d.value());
                assertThat(letter.reason()).as("record at offset %d", letter.offset())
                        .isEqualTo(expectedBad.get((int) letter.offset()));
                assertThat(new String(letter.original(), StandardCharsets.UTF_8)).isEqualTo(records.get((int) letter.offset()));
                assertThat(letter.topic()).isEqualTo(config.topology().interactionsTopic());
                counts.merge(letter.reason(), 1, Integer::sum);
            }
            assertThat(counts).hasSize(10).allSatisfy((reason, n) -> assertThat(n).isEqualTo(5));
            String scrape = registry.scrape();
            assertThat(scrape).contains("linkcast_events_dead_lettered_total{reason=\"invalid_json\"} 5.0");
            assertThat(scrape).contains("linkcast_predictions_total 950.0");
        }
    }
}
