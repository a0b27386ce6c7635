package io.linkcast.serving.topology;

import io.linkcast.ingest.InteractionJson;
import io.linkcast.ingest.RejectReason;
import io.linkcast.model.engine.CompositeModel;
import io.linkcast.model.engine.CompositeState;
import io.linkcast.model.engine.ModelHandle;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Serves a model on a stream the way {@code linkcast serve --model NAME=DIR} does: the model wrapped in a
 * one-part {@link CompositeModel} behind a {@link ModelHandle}, the production topology of
 * {@link LinkcastTopology#build}, every event sent as the JSON {@link InteractionJson} writes and every
 * prediction read back through {@link PredictionJson}. The driver's wall clock only moves when told, so every
 * micro-batch is exactly {@code batch} events except the last, which the final punctuation flushes.
 */
final class TopologyReplay {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long FLUSH_MS = 1_000;

    /** What the stream published and reported; the quality lists hold one record per event, in stream order. */
    record Served(List<Prediction> predictions, List<Integer> batchSizes, int deadLetters, int rejected,
            List<Quality> quality, List<Quality> baselineQuality) {
    }

    /** One event's live-quality report ({@link StreamListener#quality}). */
    record Quality(float linkPositive, float linkNegative, int sign, float pPositive) {
    }

    private TopologyReplay() {
    }

    /** Sends {@code events} in list order to partition 0 (so offset k is the k-th event) and collects the output. */
    static Served serve(StreamModel<?> model, List<SequencedEvent> events, int batch, Path stateDir) {
        return serve(model, Optional.empty(), TopologySettings.defaults(), events, batch, stateDir);
    }

    /** {@link #serve(StreamModel, List, int, Path)} with a baseline yardstick beside the model, if given. */
    static Served serve(StreamModel<?> model, Optional<StreamModel<?>> baseline, TopologySettings base,
            List<SequencedEvent> events, int batch, Path stateDir) {
        TopologySettings settings = base.withBatch(batch, FLUSH_MS);
        List<Integer> batchSizes = new ArrayList<>();
        List<Quality> quality = new ArrayList<>();
        List<Quality> baselineQuality = new ArrayList<>();
        int[] rejected = new int[1];
        StreamListener listener = new StreamListener() {
            @Override
            public void quality(float linkPositive, float linkNegative, int sign, float pPositive) {
                quality.add(new Quality(linkPositive, linkNegative, sign, pPositive));
            }

            @Override
            public void baselineQuality(float linkPositive, float linkNegative, int sign, float pPositive) {
                baselineQuality.add(new Quality(linkPositive, linkNegative, sign, pPositive));
            }

            @Override
            public void rejected(RejectReason reason) {
                rejected[0]++;
            }

            @Override
            public void batch(int events, int waves, long nanos) {
                batchSizes.add(events);
            }
        };
        Properties p = DriverTopics.properties("linkcast-parity", stateDir);
        ModelHandle<CompositeState> handle = new ModelHandle<>(new CompositeModel(List.of(model)));
        try (TopologyTestDriver driver = new TopologyTestDriver(LinkcastTopology.build(settings, handle, baseline, listener), p,
                T0)) {
            DriverTopics topics = DriverTopics.of(driver, settings, T0);
            TestInputTopic<byte[], byte[]> in = topics.in();
            TestOutputTopic<byte[], byte[]> out = topics.out();
            TestOutputTopic<byte[], byte[]> dlq = topics.dlq();
            byte[] key = "k".getBytes(StandardCharsets.UTF_8);
            List<Prediction> predictions = new ArrayList<>(events.size());
            for (SequencedEvent e : events) {
                in.pipeInput(key, InteractionJson.encode(e.event()));
                if (!out.isEmpty()) {
                    // drained as we go so the driver's output queue stays small
                    out.readValuesToList().forEach(v -> predictions.add(PredictionJson.decode(v)));
                }
            }
            // the owner chain's last records take up to three flushes (source, ask, answer)
            for (int hop = 0; hop < 3; hop++) {
                driver.advanceWallClockTime(Duration.ofMillis(FLUSH_MS + 1));
                out.readValuesToList().forEach(v -> predictions.add(PredictionJson.decode(v)));
            }
            return new Served(predictions, batchSizes, dlq.readValuesToList().size(), rejected[0], quality,
                    baselineQuality);
        }
    }
}
