package io.linkcast.serving.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.SyntheticConfig;
import io.linkcast.ingest.SyntheticStream;
import io.linkcast.model.baseline.BaselineConfig;
import io.linkcast.model.baseline.BaselineModel;
import io.linkcast.model.baseline.EdgeBankModel;
import io.linkcast.model.engine.SequencedEvent;
import io.linkcast.model.engine.StreamModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The baseline yardstick beside a served model: its live quality is exactly what the baseline reports when it is
 * served alone (same events, same negatives), and it changes nothing the served model publishes or reports.
 */
class BaselineYardstickTest {
    private static final int BATCH = 64;
    @TempDir
    Path dir;

    @Test
    void shouldReportWhatTheServedBaselineReportsAndLeaveTheModelAsItWas() {
        List<SequencedEvent> events = synthetic(3_000);
        StreamModel<?> baseline = new BaselineModel(BaselineConfig.defaults());
        TopologySettings settings = TopologySettings.defaults();

        TopologyReplay.Served alone = TopologyReplay.serve(EdgeBankModel.unlimited(), Optional.empty(), settings,
                events, BATCH, dir.resolve("alone"));
        TopologyReplay.Served beside = TopologyReplay.serve(EdgeBankModel.unlimited(), Optional.of(baseline), settings,
                events, BATCH, dir.resolve("beside"));
        TopologyReplay.Served baselineServed = TopologyReplay.serve(baseline, Optional.empty(), settings, events,
                BATCH, dir.resolve("baseline"));

        assertThat(beside.baselineQuality()).hasSize(events.size())
                .containsExactlyElementsOf(baselineServed.quality());
        // the latency is the driver's wall clock against the record time, not a model output
        assertThat(withoutLatency(beside.predictions())).containsExactlyElementsOf(withoutLatency(alone.predictions()));
        assertThat(beside.quality()).containsExactlyElementsOf(alone.quality());
        assertThat(alone.baselineQuality()).isEmpty();
        // the two predictors disagree somewhere, or the comparison above would prove nothing
        assertThat(beside.baselineQuality()).isNotEqualTo(beside.quality());
    }

    @Test
    void shouldRunNoBaselineWhenTheSettingsSayNo() {
        List<SequencedEvent> events = synthetic(500);
        TopologySettings d = TopologySettings.defaults();
        TopologySettings off = new TopologySettings(d.interactionsTopic(), d.deadLetterTopic(), d.predictionsTopic(),
                d.maxBatch(), d.flushIntervalMs(), d.maxRecordBytes(), true, false, d.stateCacheNodes(), 1, 0);
        TopologyReplay.Served served = TopologyReplay.serve(EdgeBankModel.unlimited(),
                Optional.of(new BaselineModel(BaselineConfig.defaults())), off, events, BATCH, dir.resolve("off"));
        assertThat(served.quality()).hasSize(events.size());
        assertThat(served.baselineQuality()).isEmpty();
    }

    private static List<Prediction> withoutLatency(List<Prediction> ps) {
        return ps.stream().map(p -> new Prediction(p.partition(), p.offset(), p.src(), p.dst(), p.t(), p.id(), p.pLink(),
                p.pPositive(), p.weight(), p.model(), p.version(), 0)).toList();
    }

    private static List<SequencedEvent> synthetic(int n) {
        List<SequencedEvent> out = new ArrayList<>(n);
        for (Interaction e : new SyntheticStream(SyntheticConfig.defaults(300, n, 5))) {
            out.add(new SequencedEvent(out.size(), e));
        }
        return out;
    }
}
