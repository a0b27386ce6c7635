package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.linkcast.ingest.InteractionParser;
import io.linkcast.ingest.ParseResult;
import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.model.engine.CompositeModel;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.nat.NatConfig;
import io.linkcast.model.nat.NatModel;
import io.linkcast.model.nat.NatNetwork;
import io.linkcast.model.semba.SembaConfig;
import io.linkcast.model.semba.SembaModel;
import io.linkcast.model.semba.SembaTask;
import io.linkcast.serving.topology.Prediction;
import io.linkcast.serving.topology.PredictionJson;
import io.linkcast.state.InMemoryNodeStateStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stops the application with events still waiting in its micro-batch buffer, then restarts it on an EMPTY
 * state directory: node states and the buffer must come back from their changelogs, and every event must
 * get exactly one prediction, equal to the one an uninterrupted run gives. Runs with the baseline and with
 * NAT and SEMBA served together (seeded weights), whose composite records carry both models' states.
 */
class RestartIntegrationTest extends EmbeddedBrokerTest {
    private static ServiceConfig config(String models, String stateDir) {
        // batches of 100 and a flush interval longer than the test: only full batches flush
        Map<String, String> m = new java.util.HashMap<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(), "application.id", "restart-app-" + models,
                "state.dir", dir.resolve(models + "-" + stateDir).toString(),
                "topic.interactions", models + ".interactions", "topic.dlq", models + ".dlq",
                "topic.predictions", models + ".predictions", "batch.max", "100",
                "batch.flush.ms", "60000", "http.port", "0"));
        return ConfigLoader.from(m);
    }

    private static StreamModel<?> model(String models) {
        return switch (models) {
            case "baseline" -> new BaselineModel(BaselineConfig.defaults());
            // the CPU backend, as serve runs them: PyTorch's kernels (the DJL backend) moved a score by one ulp in 1 of
            // a few runs (0.49763376 against 0.49763379), which an exact comparison cannot take
            case "nat-semba" -> new CompositeModel(List.of(
                    new NatModel(NatNetwork.create(NatConfig.defaults(), 3, Device.cpu()), "seed-3", InferenceBackend.CPU),
                    SembaModel.initialise(SembaConfig.defaults(SembaTask.SIGN), 4, InferenceBackend.CPU)));
            default -> throw new IllegalArgumentException(models);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline", "nat-semba"})
    void shouldResumeFromTheChangelogWithNoLostOrDuplicatedPrediction(String models) {
        List<String> events = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) {
            int s = r.nextInt(5) == 0 ? 0 : r.nextInt(80);
            events.add("{\"src\":" + s + ",\"dst\":" + r.nextInt(80) + ",\"t\":" + (i * 30) + ",\"sign\":"
                    + (r.nextInt(9) == 0 ? -1 : 1) + "}");
        }
        StreamModel<?> model = model(models);
        List<ModelOutput> reference = uninterrupted(model, events);
        String in = models + ".interactions";
        String out = models + ".predictions";

        ServiceConfig first = config(models, "state-1");
        String bootstrap = broker.bootstrapServers();
        try (LinkcastService<?> service = start(first, model)) {
            KafkaTestSupport.produce(bootstrap, in, events.subList(0, 650));
            assertThat(KafkaTestSupport.consume(bootstrap, out, 600, Duration.ofSeconds(60))).hasSize(600);
        }
        KafkaTestSupport.produce(bootstrap, in, events.subList(650, 1000));
        try (LinkcastService<?> service = start(config(models, "state-2-empty"), model)) {
            List<ConsumerRecord<byte[], byte[]>> all = KafkaTestSupport.consume(bootstrap, out, 1000,
                    Duration.ofSeconds(90));
            assertThat(all).hasSize(1000);
            List<Prediction> predictions = all.stream().map(c -> PredictionJson.decode(c.value())).toList();
            for (int i = 0; i < 1000; i++) {
                Prediction p = predictions.get(i);
                assertThat(p.offset()).isEqualTo(i);
                assertThat(p.pLink()).as("p_link of event %d", i).isEqualTo(reference.get(i).pLink());
                assertThat(p.pPositive()).as("p_positive of event %d", i).isEqualTo(reference.get(i).pPositive());
            }
        }
    }

    private static LinkcastService<?> start(ServiceConfig c, StreamModel<?> model) {
        LinkcastService<?> s = new LinkcastService<>(c, model, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        s.start(Duration.ofSeconds(60));
        return s;
    }

    /** The same model over the same events, one process, no Kafka. */
    private static <S> List<ModelOutput> uninterrupted(StreamModel<S> model, List<String> events) {
        InteractionParser parser = new InteractionParser();
        MicroBatchEngine<S> engine = new MicroBatchEngine<>(model, new InMemoryNodeStateStore<>());
        List<SequencedEvent> seq = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            ParseResult.Accepted a = (ParseResult.Accepted) parser.parse(events.get(i).getBytes(StandardCharsets.UTF_8));
            seq.add(new SequencedEvent(i, a.interaction()));
        }
        return engine.process(seq);
    }
}
