package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkcast.ingest.RejectReason;
import io.linkcast.model.engine.ModelInfo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-second samples behind /v1/stats, driven by a hand-held clock. */
class StatsTimelineTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicLong lag = new AtomicLong(-1);
    private final StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry(),
            new LiveQuality(10, 0, System::nanoTime), new LiveQuality(10, 0, System::nanoTime));

    @Test
    void shouldTurnCountersIntoRatesAndLatenciesIntoIntervalPercentiles() {
        StatsTimeline timeline = new StatsTimeline(metrics, lag::get, clock::get, 10);
        for (int i = 0; i < 4; i++) {
            metrics.accepted();
        }
        metrics.rejected(RejectReason.INVALID_JSON);
        metrics.predicted(10);
        metrics.predicted(20);
        metrics.predicted(30);
        metrics.quality(0.9f, 0.1f, 1, 0.8f);
        metrics.quality(0.4f, 0.6f, -1, 0.3f);
        lag.set(7);
        clock.addAndGet(2_000);
        StatsTimeline.Sample s = timeline.sample();
        assertThat(s.t()).isEqualTo(1_002_000);
        assertThat(s.eventsPerS()).isEqualTo(1.5);
        assertThat(s.acceptedPerS()).isEqualTo(2.0);
        assertThat(s.deadLetteredPerS()).isEqualTo(0.5);
        // the median of 10, 20, 30 ms is 20, the 99th percentile 30 (2 significant digits: within 1 %)
        assertThat(s.p50Ms()).isCloseTo(20, within(0.2));
        assertThat(s.p99Ms()).isCloseTo(30, within(0.3));
        assertThat(s.lag()).isEqualTo(7);
        // pairs (0.9,0.1) (0.4,0.6): 3 of 4 pairwise wins; signs separated at 0.5 -> AUC 1, macro-F1 1
        assertThat(s.linkAuc()).isEqualTo(0.75);
        assertThat(s.signAuc()).isEqualTo(1.0);
        assertThat(s.signMacroF1()).isEqualTo(1.0);
        assertThat(s.windowEvents()).isEqualTo(2);

        // a quiet second: zero rates, no latency to measure, only the new interval's latencies count
        clock.addAndGet(1_000);
        StatsTimeline.Sample quiet = timeline.sample();
        assertThat(quiet.eventsPerS()).isZero();
        assertThat(quiet.p50Ms()).isNaN();
        metrics.predicted(100);
        clock.addAndGet(1_000);
        assertThat(timeline.sample().p50Ms()).isCloseTo(100, within(1.0));
    }

    @Test
    void shouldKeepOnlyTheLastSamplesOldestFirst() {
        StatsTimeline timeline = new StatsTimeline(metrics, lag::get, clock::get, 3);
        for (int i = 1; i <= 5; i++) {
            clock.set(1_000_000 + i * 1_000L);
            timeline.sample();
        }
        List<StatsTimeline.Sample> kept = timeline.samples();
        assertThat(kept).extracting(StatsTimeline.Sample::t).containsExactly(1_003_000L, 1_004_000L, 1_005_000L);
    }

    @Test
    void shouldWriteNullForWhatIsNotANumberOrUnknown() throws Exception {
        StatsTimeline timeline = new StatsTimeline(metrics, lag::get, clock::get, 10);
        metrics.accepted();
        metrics.predicted(5);
        clock.addAndGet(1_000);
        timeline.sample();
        JsonNode j = new ObjectMapper().valueToTree(StatsJson.of(timeline, new ModelInfo("baseline", "1"), clock.get()));
        assertThat(j.at("/now").asLong()).isEqualTo(1_001_000);
        assertThat(j.at("/model/name").asText()).isEqualTo("baseline");
        assertThat(j.at("/totals/predictions").asLong()).isEqualTo(1);
        assertThat(j.at("/totals/accepted").asLong()).isEqualTo(1);
        assertThat(j.at("/quality/window").asInt()).isEqualTo(10);
        assertThat(j.at("/quality/link_auc").isNull()).isTrue();
        JsonNode sample = j.at("/samples/0");
        assertThat(sample.get("events_per_s").asDouble()).isEqualTo(1.0);
        assertThat(sample.get("p50_ms").asDouble()).isCloseTo(5, within(0.05));
        assertThat(sample.get("lag").isNull()).isTrue();
        assertThat(sample.get("link_auc").isNull()).isTrue();
        assertThat(sample.get("sign_macro_f1").isNull()).isTrue();
    }

    @Test
    void shouldRefuseABadCapacityAndASecondStart() {
        assertThatThrownBy(() -> new StatsTimeline(metrics, lag::get, clock::get, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        try (StatsTimeline timeline = new StatsTimeline(metrics, lag::get, clock::get, 10)) {
            timeline.start();
            assertThatThrownBy(timeline::start).isInstanceOf(IllegalStateException.class);
        }
    }
}
