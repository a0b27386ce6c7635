package io.linkcast.model.nat;

import static io.linkcast.state.compact.StatePrecision.COMPACT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.linkcast.model.engine.MicroBatchEngine;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.state.InMemoryNodeStateStore;
import io.linkcast.state.nat.NatNodeState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatTrainerTest {
    /** Small dimensions so that a few epochs take seconds. */
    private static final NatConfig SMALL = NatConfig.defaults().withSlots(8, 4).withDims(4, 16, 8, 4, 16, 0, 2);
    private static final List<SequencedEvent> STREAM = NatTestSupport.syntheticStream(7, 400, 40);
    private static final List<SequencedEvent> TRAIN = STREAM.subList(0, 320);
    private static final List<SequencedEvent> VALIDATION = STREAM.subList(320, 400);

    private static NatTrainingConfig quick() {
        return NatTrainingConfig.defaults().withBatchSize(40).withLearningRate(1e-3).withMaxEpochs(2).withSeed(5)
                .withProgress(false);
    }

    @Test
    void shouldLowerTheLossAndReloadAnArtifactThatPredictsIdentically(@TempDir Path dir) throws IOException {
        NatTrainingResult result = new NatTrainer(SMALL, quick(), Device.cpu(), COMPACT).fit(TRAIN, VALIDATION);
        try (NatNetwork trained = result.network()) {
            List<NatTrainingResult.Epoch> epochs = result.epochs();
            assertThat(epochs).hasSize(2);
            // 2·ln 2 = 1.386 is the loss of a constant 0.5; training must go below its first epoch
            assertThat(epochs.get(0).trainLoss()).isBetween(0.5, 2.0);
            assertThat(epochs.get(1).trainLoss()).isLessThan(epochs.get(0).trainLoss());
            assertThat(epochs).allSatisfy(e -> assertThat(e.validationAp()).isBetween(0.0, 1.0));
            // sequential semantics: more waves than batches (hub and repeated pairs)
            assertThat(epochs.get(0).waves()).isGreaterThan(8);

            NatArtifact.save(dir, result, quick());
            assertThat(dir.resolve(NatArtifact.PARAMETERS)).exists();
            assertThat(NatArtifact.readConfig(dir)).isEqualTo(SMALL);
            Map<String, Object> metrics = NatArtifact.readMetrics(dir);
            assertThat(metrics).containsEntry("bestEpoch", result.bestEpoch()).containsKeys("training", "epochs");
            assertThat((List<?>) metrics.get("epochs")).hasSize(2);
            try (NatNetwork loaded = NatArtifact.loadModel(dir, Device.cpu()).network()) {
                assertThat(loaded.copyParameters()).usingRecursiveComparison().isEqualTo(trained.copyParameters());
                float[] before = replay(trained, STREAM);
                float[] after = replay(loaded, STREAM);
                assertThat(after).containsExactly(before);
            }
        }
    }

    @Test
    void shouldGiveTheSameModelForTheSameSeed() {
        NatTrainingConfig one = quick().withMaxEpochs(1);
        NatTrainingResult a = new NatTrainer(SMALL, one, Device.cpu(), COMPACT).fit(TRAIN, VALIDATION);
        NatTrainingResult b = new NatTrainer(SMALL, one, Device.cpu(), COMPACT).fit(TRAIN, VALIDATION);
        try (NatNetwork na = a.network(); NatNetwork nb = b.network();
                NatNetwork other = NatNetwork.create(SMALL, 6, Device.cpu());
                NatNetwork same = NatNetwork.create(SMALL, 5, Device.cpu())) {
            assertThat(a.epochs().get(0).trainLoss()).isEqualTo(b.epochs().get(0).trainLoss());
            assertThat(a.epochs().get(0).validationAp()).isEqualTo(b.epochs().get(0).validationAp());
            assertThat(nb.copyParameters()).usingRecursiveComparison().isEqualTo(na.copyParameters());
            // the seed decides the initial weights, and training moved them
            assertThat(same.parameterValues("out_layer.fc1.weight"))
                    .isNotEqualTo(other.parameterValues("out_layer.fc1.weight"))
                    .isNotEqualTo(na.parameterValues("out_layer.fc1.weight"));
        }
    }

    @Test
    void shouldTrainWithTheOriginalBatchSemanticsInOneStepPerBatch() {
        NatTrainingConfig rbw = quick()
                .withSemantics(NatTrainingConfig.BatchSemantics.READS_BEFORE_WRITES);
        NatTrainingResult r = new NatTrainer(SMALL, rbw, Device.cpu(), COMPACT).fit(TRAIN, VALIDATION);
        try (NatNetwork n = r.network()) {
            assertThat(r.epochs().get(0).waves()).isEqualTo(8);
            assertThat(r.epochs().get(1).trainLoss()).isLessThan(r.epochs().get(0).trainLoss());
            assertThat(r.best().validationAp()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void shouldRejectAnArtifactOfAnotherModel(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(NatArtifact.CONFIG), "{\"format\": 1, \"model\": \"semba\", \"config\": {}}");
        assertThatThrownBy(() -> NatArtifact.readConfig(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("model=semba");
    }

    private static float[] replay(NatNetwork network, List<SequencedEvent> events) {
        MicroBatchEngine<NatNodeState> engine = new MicroBatchEngine<>(new NatModel(network, "replay"),
                new InMemoryNodeStateStore<>());
        List<ModelOutput> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i += 100) {
            out.addAll(engine.process(events.subList(i, Math.min(events.size(), i + 100))));
        }
        float[] p = new float[out.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = out.get(i).pLink();
        }
        return p;
    }
}
