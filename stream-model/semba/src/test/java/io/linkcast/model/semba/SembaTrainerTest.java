package io.linkcast.model.semba;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.ModelLoaders;
import io.linkcast.state.compact.StatePrecision;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SembaTrainerTest {
    private static final SembaTrainingConfig FAST = new SembaTrainingConfig(4, 4, 25, 0.01, 0, 17, true, false);

    private static SembaConfig tiny(SembaTask task) {
        return SembaConfig.defaults(task).withDimensions(8, 4, 8, 2, 4).withExtension(SembaExtension.HISTORY);
    }

    /** A stream where the sign is learnable: node ids below 6 rate negatively, the others positively. */
    private static List<SequencedEvent> learnable(int events) {
        List<SequencedEvent> raw = SignedStreams.random(21, events, 20);
        return raw.stream().map(e -> {
            var i = e.event();
            int sign = i.src() < 6 ? -1 : 1;
            return new SequencedEvent(e.seq(), new io.linkcast.ingest.Interaction(i.srcKey(), i.dstKey(), i.src(),
                    i.dst(), i.t(), sign, sign * Math.abs(i.weight()), null));
        }).toList();
    }

    @Test
    void shouldLowerTheLossAndReloadToIdenticalPredictions(@TempDir Path dir) throws Exception {
        List<SequencedEvent> stream = learnable(260);
        List<SequencedEvent> train = stream.subList(0, 200);
        List<SequencedEvent> validation = stream.subList(200, 260);
        SembaTrainer.Result result = new SembaTrainer(tiny(SembaTask.SIGN), FAST, StatePrecision.COMPACT)
                .train(train, validation);
        try (SembaModel trained = result.model()) {
            SembaTrainingMetrics m = result.metrics();
            assertThat(m.trainLoss()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(m.trainLoss().get(m.trainLoss().size() - 1)).isLessThan(m.trainLoss().get(0));
            assertThat(m.validationLoss().get(m.bestEpoch() - 1)).isLessThan(m.validationLoss().get(0) + 1e-12);
            assertThat(m.classWeights()).hasSize(2);
            assertThat(m.classWeights().get(1)).isGreaterThan(m.classWeights().get(0));
            assertThat(m.validation()).containsKeys("signRocAuc", "signMacroF1", "signThreshold");
            assertThat(m.validation().get("signRocAuc")).isGreaterThan(0.7);

            SembaArtifact.save(dir, trained, m);
            assertThat(SembaArtifact.isArtifact(dir)).isTrue();
            assertThat(SembaArtifact.readMetrics(dir)).isEqualTo(m);
            try (SembaModel discovered = (SembaModel) ModelLoaders.discover().load(dir)) {
                assertThat(discovered.config()).isEqualTo(trained.config());
                assertThat(discovered.precision()).isEqualTo(StatePrecision.COMPACT);
            }
            try (SembaModel fp32 = (SembaModel) ModelLoaders.discover().withPrecision(StatePrecision.FP32)
                    .withBackend(InferenceBackend.DJL).load(dir)) {
                assertThat(fp32.precision()).isEqualTo(StatePrecision.FP32);
                assertThat(fp32.backend()).isEqualTo(InferenceBackend.DJL);
            }
            // the DJL backend, as the trained model's: the reload must give the very same bits
            try (SembaModel loaded = SembaArtifact.load(dir, InferenceBackend.DJL, StatePrecision.COMPACT)) {
                assertThat(loaded.config()).isEqualTo(trained.config());
                assertThat(loaded.info()).isEqualTo(trained.info());
                try (SembaModel fresh = SembaModel.initialise(trained.config(), 17)) {
                    assertThat(fresh.info().version()).startsWith("state-v" + io.linkcast.state.semba.SembaStateCodec.VERSION + ":sign/balance/attention/history:")
                            .isNotEqualTo(trained.info().version());
                }
                List<ModelOutput> before = SignedStreams.run(trained, stream, 30).outputs();
                List<ModelOutput> after = SignedStreams.run(loaded, stream, 30).outputs();
                assertThat(after).isEqualTo(before);
                // trained predictions separate the two kinds of raters
                double negRaters = 0;
                double posRaters = 0;
                for (int i = 200; i < 260; i++) {
                    if (stream.get(i).event().src() < 6) {
                        negRaters += before.get(i).pPositive();
                    } else {
                        posRaters += before.get(i).pPositive();
                    }
                }
                assertThat(negRaters).isGreaterThan(0);
                long nNeg = stream.subList(200, 260).stream().filter(e -> e.event().src() < 6).count();
                assertThat(posRaters / (60 - nNeg)).isGreaterThan(negRaters / nNeg + 0.1);
            }
        }
    }

    @Test
    void shouldTrainTheSameModelTwiceForASeed() {
        List<SequencedEvent> stream = learnable(120);
        SembaTrainingConfig two = FAST.withEpochs(2);
        for (SembaTask task : List.of(SembaTask.SIGNLINK, SembaTask.LINK, SembaTask.WEIGHT)) {
            SembaTrainer trainer = new SembaTrainer(tiny(task).withDecoderHidden(8), two, StatePrecision.COMPACT);
            SembaTrainer.Result a = trainer.train(stream.subList(0, 90), stream.subList(90, 120));
            SembaTrainer.Result b = trainer.train(stream.subList(0, 90), stream.subList(90, 120));
            try (SembaModel ma = a.model(); SembaModel mb = b.model()) {
                assertThat(a.metrics().trainLoss()).as(task.id()).isEqualTo(b.metrics().trainLoss());
                assertThat(a.metrics().trainLoss()).allMatch(Double::isFinite);
                assertThat(SignedStreams.run(ma, stream, 40).outputs())
                        .isEqualTo(SignedStreams.run(mb, stream, 40).outputs());
            }
        }
    }
}
