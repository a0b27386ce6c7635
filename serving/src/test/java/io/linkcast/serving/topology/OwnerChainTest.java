package io.linkcast.serving.topology;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.linkcast.ingest.DeadLetter;
import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.InteractionJson;
import io.linkcast.ingest.RejectReason;
import io.linkcast.ingest.SyntheticConfig;
import io.linkcast.ingest.SyntheticStream;
import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.nat.NatConfig;
import io.linkcast.model.nat.NatModel;
import io.linkcast.model.nat.NatNetwork;
import io.linkcast.model.semba.SembaConfig;
import io.linkcast.model.semba.SembaModel;
import io.linkcast.model.semba.SembaTask;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner chain (node state partitioned by node id) against the sequential topology, on the driver, where every
 * record a processor sends to a chain topic is processed before the next input record: with one event per flush,
 * every hop then arrives before the next event, so the chain must give sequential semantics bit for bit
 * (predictions and live quality). With larger flushes the hops lag, and the chain must still publish exactly one
 * prediction per event.
 */
class OwnerChainTest {
    private static final NatConfig NAT = NatConfig.defaults().withSlots(16, 8).withDims(4, 32, 8, 10, 32, 0, 2);
    private static final SembaConfig SEMBA = SembaConfig.defaults(SembaTask.SIGNLINK).withDimensions(16, 8, 16, 4, 10);

    @TempDir
    Path dir;

    @Test
    void shouldPredictNatAsTheSequentialTopologyWhenEveryHopArrivesBeforeTheNextEvent() {
        try (NatNetwork network = NatNetwork.create(NAT, 17, Device.cpu())) {
            assertSequential(new NatModel(network, "seeded-17"), stream(11, 3_000));
        }
    }

    @Test
    void shouldPredictSembaAsTheSequentialTopologyWhenEveryHopArrivesBeforeTheNextEvent() {
        try (SembaModel semba = SembaModel.initialise(SEMBA, 23)) {
            assertSequential(semba, stream(12, 3_000));
        }
    }

    @Test
    void shouldPublishExactlyOnePredictionPerEventWhenHopsLag() {
        try (NatNetwork network = NatNetwork.create(NAT, 17, Device.cpu())) {
            List<SequencedEvent> events = stream(13, 3_000);
            TopologyReplay.Served chain = TopologyReplay.serve(new NatModel(network, "seeded-17"), Optional.empty(),
                    TopologySettings.defaults().withPartitions(4), events, 64, dir.resolve("chain"));
            assertThat(chain.predictions()).hasSize(events.size());
            Set<Long> offsets = chain.predictions().stream().map(Prediction::offset).collect(Collectors.toSet());
            assertThat(offsets).hasSize(events.size());
            assertThat(chain.deadLetters()).isZero();
        }
    }

    /**
     * A chain record linkcast cannot read (only linkcast writes these topics, but a foreign writer or a bug could) is
     * dead-lettered with the chain topic's position, and the partition goes on: every event still gets its prediction.
     */
    @Test
    void shouldDeadLetterAnUnreadableChainRecordAndGoOn() {
        TopologySettings settings = TopologySettings.defaults().withPartitions(4).withBatch(1, 1_000);
        List<SequencedEvent> events = stream(14, 200);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                LinkcastTopology.build(settings, new BaselineModel(BaselineConfig.defaults()), StreamListener.NONE),
                DriverTopics.properties("linkcast-chain-fault", dir.resolve("fault")))) {
            DriverTopics topics = DriverTopics.of(driver, settings, Instant.parse("2026-01-01T00:00:00Z"));
            var asks = driver.createInputTopic(settings.asksTopic(), new ByteArraySerializer(),
                    new ByteArraySerializer());
            for (int i = 0; i < events.size(); i++) {
                if (i == 100) {
                    asks.pipeInput(new byte[8], new byte[] {0, 0, 0, 99, 1, 2});
                    asks.pipeInput(new byte[8], new byte[0]);
                }
                topics.in().pipeInput(new byte[0], InteractionJson.encode(events.get(i).event()));
            }
            assertThat(topics.out().readValuesToList()).hasSize(events.size());
            List<DeadLetter> letters = topics.dlq().readRecordsToList().stream()
                    .map(r -> DeadLetter.from(r.headers(), r.value())).toList();
            assertThat(letters).hasSize(2).allSatisfy(l -> {
                assertThat(l.reason()).isEqualTo(RejectReason.PROCESSING_FAILED);
                assertThat(l.detail()).contains("unreadable record of " + settings.asksTopic());
            });
        }
    }

    private void assertSequential(StreamModel<?> model, List<SequencedEvent> events) {
        TopologyReplay.Served sequential = TopologyReplay.serve(model, Optional.empty(),
                TopologySettings.defaults(), events, 1, dir.resolve("sequential"));
        TopologyReplay.Served chain = TopologyReplay.serve(model, Optional.empty(),
                TopologySettings.defaults().withPartitions(4), events, 1, dir.resolve("chain"));
        assertThat(chain.predictions()).hasSize(events.size());
        assertThat(chain.deadLetters()).isZero();
        List<Prediction> byOffset = new ArrayList<>(chain.predictions());
        byOffset.sort(Comparator.comparingLong(Prediction::offset));
        for (int i = 0; i < events.size(); i++) {
            Prediction s = sequential.predictions().get(i);
            Prediction c = byOffset.get(i);
            assertThat(c.offset()).isEqualTo(s.offset());
            assertThat(Float.valueOf(c.pLink())).as("p_link of event %d", i).isEqualTo(Float.valueOf(s.pLink()));
            assertThat(Float.valueOf(c.pPositive())).as("p_positive of event %d", i).isEqualTo(Float.valueOf(s.pPositive()));
        }
        // the chain's pool of live negatives holds 4096/P destinations (it sees 1/P of them): until it wraps, the
        // negatives are the sequential topology's too
        assertThat(chain.quality().subList(0, 1_000)).isEqualTo(sequential.quality().subList(0, 1_000));
        for (int i = 0; i < events.size(); i++) {
            assertThat(chain.quality().get(i).linkPositive()).isEqualTo(sequential.quality().get(i).linkPositive());
        }
        // a comparison of near-constants could not fail
        assertThat(chain.predictions().stream().map(Prediction::pLink).distinct().count()).isGreaterThan(100);
    }

    /** A synthetic stream with a self-loop every 97 events, in stream order. */
    private static List<SequencedEvent> stream(long seed, int n) {
        List<SequencedEvent> out = new ArrayList<>(n);
        Iterator<Interaction> it = new SyntheticStream(SyntheticConfig.defaults(500, n, seed)).iterator();
        while (out.size() < n && it.hasNext()) {
            Interaction e = it.next();
            if (out.size() % 97 == 50) {
                e = Interaction.of(e.srcKey(), e.srcKey(), e.t(), e.sign(), e.weight(), e.id());
            }
            out.add(new SequencedEvent(out.size(), e));
        }
        return out;
    }
}
