package io.linkcast.model.semba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.linkcast.ingest.Interaction;
import io.linkcast.model.engine.ModelOutput;
import io.linkcast.model.engine.SequencedEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SembaLossTest {

    private static List<SequencedEvent> events(int positive, int negative) {
        List<SequencedEvent> out = new ArrayList<>();
        for (int i = 0; i < positive + negative; i++) {
            int sign = i < positive ? 1 : -1;
            out.add(new SequencedEvent(i, new Interaction("a", "b", 1, 2, i, sign, 4.0 * sign, null)));
        }
        return out;
    }

    @Test
    void shouldBalanceTheClassesOverTheTrainingEvents() {
        List<SequencedEvent> train = events(8, 2);
        // total / (classes x count): 10 / (2 x 8) and 10 / (2 x 2)
        assertThat(SembaLoss.fromTraining(SembaConfig.defaults(SembaTask.SIGN), train, true).classWeights())
                .containsExactly(0.625, 2.5);
        assertThat(SembaLoss.fromTraining(SembaConfig.defaults(SembaTask.SIGN), train, false).classWeights())
                .containsExactly(1.0, 1.0);
        // with one non-edge per event: 20 / (3 x 8), 20 / (3 x 2), 20 / (3 x 10)
        assertThat(SembaLoss.fromTraining(SembaConfig.defaults(SembaTask.SIGNLINK), train, true).classWeights())
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-12 ? 0 : Double.compare(a, b))
                .containsExactly(20.0 / 24, 20.0 / 6, 20.0 / 30);
    }

    @Test
    void shouldWeighTheCrossEntropyOfEachEventByItsClass() {
        List<SequencedEvent> train = events(8, 2);
        SembaLoss loss = SembaLoss.fromTraining(SembaConfig.defaults(SembaTask.SIGN), train, true);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] logits = new float[8 * SembaParameters.DECODER_COLUMNS];
            logits[SembaNetwork.SIGN] = 2f; // event 0 (+): softplus(2) - 2 = log(1 + e^-2)
            NDArray l = m.create(logits, new Shape(8, SembaParameters.DECODER_COLUMNS));
            List<SequencedEvent> wave = List.of(train.get(0), train.get(1), train.get(9));
            SembaLoss.Part part = loss.training(m, l, wave, 0);
            double expected = 0.625 * Math.log1p(Math.exp(-2)) + 0.625 * Math.log(2) + 2.5 * Math.log(2);
            assertThat(part.count()).isEqualTo(3);
            assertThat(part.sum().getFloat()).isCloseTo((float) expected, within(1e-5f));
        }
        SembaLoss.Validation v = loss.new Validation();
        v.event(train.get(0).event(), new ModelOutput(Float.NaN, 0.8f, Float.NaN));
        v.event(train.get(9).event(), new ModelOutput(Float.NaN, 0.8f, Float.NaN));
        assertThat(v.mean()).isCloseTo((0.625 * -Math.log(0.8) + 2.5 * -Math.log(0.2)) / 2, within(1e-6));
    }

    @Test
    void shouldScoreTheSignedWeightOnTheMessageScale() {
        List<SequencedEvent> train = events(1, 1);
        SembaLoss loss = SembaLoss.fromTraining(SembaConfig.defaults(SembaTask.WEIGHT), train, true);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] logits = new float[8 * SembaParameters.DECODER_COLUMNS];
            logits[SembaNetwork.WEIGHT] = 0.5f; // predicts 5 for +4: (0.5 - 0.4)^2
            logits[SembaParameters.DECODER_COLUMNS + SembaNetwork.WEIGHT] = 0f; // predicts 0 for -4: 0.16
            SembaLoss.Part part = loss.training(m, m.create(logits, new Shape(8, SembaParameters.DECODER_COLUMNS)),
                    train, 0);
            assertThat(part.count()).isEqualTo(2);
            assertThat(part.sum().getFloat()).isCloseTo(0.01f + 0.16f, within(1e-6f));
        }
    }
}
