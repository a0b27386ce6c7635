package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.model.engine.ForwardingModel;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.serving.topology.Prediction;
import io.linkcast.serving.topology.PredictionJson;
import io.linkcast.state.baseline.BaselineNodeState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** A stream thread that fails unexpectedly is replaced, and nothing is lost or repeated; a failure that keeps coming back stops the client. */
class ThreadReplacementTest extends EmbeddedBrokerTest {
    @Test
    void shouldReplaceAFailedThreadButStopWhenFailuresComeBackWithinTheWindow() {
        AtomicLong clock = new AtomicLong();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ThreadReplacement policy = new ThreadReplacement(2, 100, clock::get, registry);
        assertThat(policy.handle(new Error("1"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        clock.set(50);
        assertThat(policy.handle(new Error("2"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        clock.set(90);
        assertThat(policy.handle(new Error("3"))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        clock.set(151);
        // the first two are out of the window by now
        assertThat(policy.handle(new Error("4"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(registry.get("linkcast_stream_threads_replaced").counter().count()).isEqualTo(3.0);
    }

    @Test
    void shouldGiveEveryEventExactlyOnePredictionWhenAThreadFailsOnce() {
        ServiceConfig config = KafkaTestSupport.config(broker.bootstrapServers(), dir.resolve("replaced"), "replaced", 50);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add("{\"src\":" + (i % 31) + ",\"dst\":" + (i % 17) + ",\"t\":" + i + "}");
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FailingOnce model = new FailingOnce(400);
        try (LinkcastService<?> service = new LinkcastService<>(config, model, registry)) {
            service.start(Duration.ofSeconds(60));
            KafkaTestSupport.produce(broker.bootstrapServers(), config.topology().interactionsTopic(), events);
            List<Prediction> predictions = KafkaTestSupport.consume(broker.bootstrapServers(),
                    config.topology().predictionsTopic(), events.size(), Duration.ofSeconds(120)).stream()
                    .map(r -> PredictionJson.decode(r.value())).toList();
            assertThat(model.failures.get()).isEqualTo(1);
            assertThat(predictions).hasSize(events.size());
            Set<Long> offsets = predictions.stream().map(Prediction::offset).collect(Collectors.toSet());
            assertThat(offsets).hasSize(events.size());
            assertThat(registry.get("linkcast_stream_threads_replaced").counter().count()).isEqualTo(1.0);
            assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    /** The baseline, throwing an {@link Error} (not an event's failure: nothing catches it) once, at its n-th event. */
    private static final class FailingOnce extends ForwardingModel<BaselineNodeState> {
        private final AtomicInteger seen = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final int at;

        FailingOnce(int at) {
            super(new BaselineModel(BaselineConfig.defaults()));
            this.at = at;
        }

        @Override
        public WaveOutput<BaselineNodeState> step(Wave<BaselineNodeState> wave) {
            if (seen.addAndGet(wave.events().size()) >= at && failures.get() == 0) {
                failures.incrementAndGet();
                throw new Error("injected failure of the stream thread");
            }
            return inner.step(wave);
        }
    }
}
