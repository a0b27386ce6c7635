package io.linkcast.serving.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.ingest.DeadLetter;
import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.InteractionJson;
import io.linkcast.ingest.RejectReason;
import io.linkcast.ingest.SyntheticConfig;
import io.linkcast.ingest.SyntheticStream;
import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.model.engine.ForwardingModel;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.engine.Wave;
import io.linkcast.model.engine.WaveOutput;
import io.linkcast.state.baseline.BaselineNodeState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults stay local (issue 15, item 4): an event on which the model throws is dead-lettered with the reason, the
 * other events of its batch get exactly the predictions they get without it, and the stream goes on.
 */
class EngineFaultTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long POISON = 666;

    @TempDir
    Path dir;

    @Test
    void shouldDeadLetterTheEventThatFailsAndPredictTheRestAsWithoutIt() {
        assertFailureStaysLocal(TopologySettings.defaults().withBatch(64, 1_000));
    }

    /**
     * The same with node state partitioned (the owner chain, on the driver, one event per flush, so the chain is
     * sequential): the ask that fails is dead-lettered and still answers its source's owner, so with a window of one
     * event the stream goes on after it (a window lost to the failure would stop every later event).
     */
    @Test
    void shouldDeadLetterTheAskThatFailsAndKeepThePartitionedChainGoing() {
        assertFailureStaysLocal(TopologySettings.defaults().withBatch(1, 1_000).withPartitions(4).withChainWindow(1));
    }

    /**
     * A node whose stored record cannot be decoded (a disk fault, a bug): its event is dead-lettered with the node's id
     * in the reason, and the stream goes on, every other event predicted as without it.
     */
    @Test
    void shouldDeadLetterTheEventOfANodeWhoseStoredRecordIsCorruptNamingTheNode() {
        TopologySettings settings = TopologySettings.defaults().withBatch(64, 1_000);
        List<Interaction> clean = new ArrayList<>();
        for (Interaction e : new SyntheticStream(SyntheticConfig.defaults(100, 600, 9))) {
            clean.add(e);
        }
        List<Interaction> withCorrupt = new ArrayList<>(clean);
        withCorrupt.add(301, new Interaction(Long.toString(POISON), "1", POISON, 1, clean.get(300).t(), 1, 1.0, "c"));
        BaselineModel model = new BaselineModel(BaselineConfig.defaults());
        Run corrupt = run(withCorrupt, "corrupt", settings, model, new byte[] {9, 9, 9});
        Run without = run(clean, "clean-store", settings, model, null);

        assertThat(corrupt.letters).hasSize(1);
        assertThat(corrupt.letters.get(0).offset()).isEqualTo(301);
        assertThat(corrupt.letters.get(0).detail()).contains("StateFormatException")
                .contains("stored record of node " + POISON);
        assertThat(corrupt.predictions).hasSize(clean.size());
        for (int i = 0; i < clean.size(); i++) {
            assertThat(corrupt.predictions.get(i).id()).isEqualTo(without.predictions.get(i).id());
            assertThat(corrupt.predictions.get(i).pLink()).isEqualTo(without.predictions.get(i).pLink());
        }
    }

    /** A stream with a poisoned event at offset 301, served with {@code settings}, against the same without it. */
    private void assertFailureStaysLocal(TopologySettings settings) {
        List<Interaction> clean = new ArrayList<>();
        for (Interaction e : new SyntheticStream(SyntheticConfig.defaults(100, 600, 9))) {
            clean.add(e);
        }
        List<Interaction> poisoned = new ArrayList<>(clean);
        Interaction poison = new Interaction(Long.toString(POISON), "1", POISON, 1, clean.get(300).t(), 1, 1.0, "p");
        poisoned.add(301, poison);
        Run withPoison = run(poisoned, "poisoned", settings);
        Run without = run(clean, "clean", settings);

        assertThat(withPoison.letters).hasSize(1);
        DeadLetter letter = withPoison.letters.get(0);
        assertThat(letter.reason()).isEqualTo(RejectReason.PROCESSING_FAILED);
        assertThat(letter.offset()).isEqualTo(301);
        assertThat(letter.detail()).contains("IllegalStateException").contains("poisoned node 666");
        // the event as accepted, re-encoded (the buffer keeps the parsed event, not the record's bytes)
        assertThat(letter.original()).isEqualTo(InteractionJson.encode(poison));
        // every other event, before and after the poison, as in the clean run (offsets after it shift by one)
        assertThat(withPoison.predictions).hasSize(clean.size());
        for (int i = 0; i < clean.size(); i++) {
            Prediction a = withPoison.predictions.get(i);
            Prediction b = without.predictions.get(i);
            assertThat(a.offset()).isEqualTo(i < 301 ? i : i + 1);
            assertThat(a.id()).isEqualTo(b.id());
            assertThat(a.pLink()).isEqualTo(b.pLink());
            assertThat(a.pPositive()).isEqualTo(b.pPositive());
        }
        assertThat(withPoison.poisonStored).as("the failed event left no state behind").isFalse();
    }

    private record Run(List<Prediction> predictions, List<DeadLetter> letters, boolean poisonStored) {
    }

    private Run run(List<Interaction> events, String name, TopologySettings settings) {
        return run(events, name, settings, new Poisonable(), null);
    }

    /** {@code record}: the bytes stored for {@link #POISON} before the stream starts (null: none). */
    private Run run(List<Interaction> events, String name, TopologySettings settings, StreamModel<?> model,
            byte[] record) {
        Properties p = DriverTopics.properties("linkcast-fault", dir.resolve(name + settings.partitions()));
        try (TopologyTestDriver driver = new TopologyTestDriver(LinkcastTopology.build(settings, model,
                StreamListener.NONE), p, T0)) {
            DriverTopics topics = DriverTopics.of(driver, settings, T0);
            if (record != null) {
                StoredNodes.of(driver).states(StoredNodes.AS_STORED).putAll(new long[] {POISON}, List.of(record));
            }
            TestInputTopic<byte[], byte[]> in = topics.in();
            TestOutputTopic<byte[], byte[]> out = topics.out();
            TestOutputTopic<byte[], byte[]> dlq = topics.dlq();
            for (Interaction e : events) {
                in.pipeInput(new byte[0], InteractionJson.encode(e));
            }
            driver.advanceWallClockTime(Duration.ofMillis(2_000));
            List<Prediction> predictions = new ArrayList<>(out.readValuesToList().stream().map(PredictionJson::decode)
                    .toList());
            predictions.sort(java.util.Comparator.comparingLong(Prediction::offset));
            List<DeadLetter> letters = dlq.readRecordsToList().stream()
                    .map(r -> DeadLetter.from(r.headers(), r.value())).toList();
            boolean stored = StoredNodes.of(driver).record(POISON) != null;
            return new Run(predictions, letters, stored);
        }
    }

    /** The baseline, failing on any wave that holds the poisoned node. */
    private static final class Poisonable extends ForwardingModel<BaselineNodeState> {
        Poisonable() {
            super(new BaselineModel(BaselineConfig.defaults()));
        }

        @Override
        public WaveOutput<BaselineNodeState> step(Wave<BaselineNodeState> wave) {
            if (wave.events().stream().anyMatch(e -> e.event().src() == POISON || e.event().dst() == POISON)) {
                throw new IllegalStateException("poisoned node " + POISON);
            }
            return inner.step(wave);
        }
    }
}
