package io.linkcast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The live quality window against values worked out by hand (pairwise counts for the AUCs, precision at
 * each true pair for the AP, confusion counts for the F1s).
 */
class LiveQualityTest {
    private static final float NAN = Float.NaN;

    /** A window of four events, no cache, so every read sees the latest events. */
    private static LiveQuality window4() {
        return new LiveQuality(4, 0, System::nanoTime);
    }

    private static void firstFour(LiveQuality q) {
        q.record(0.9f, 0.1f, 1, 0.8f);
        q.record(0.4f, 0.6f, -1, 0.3f);
        q.record(0.7f, 0.2f, 1, 0.4f);
        q.record(NAN, 0.5f, 0, NAN);
    }

    @Test
    void shouldMeasureLinkAndSignQualityOfTheWindow() {
        LiveQuality q = window4();
        firstFour(q);
        LiveQuality.Snapshot s = q.snapshot();
        // pairs (0.9,0.1) (0.4,0.6) (0.7,0.2); the 4th has no positive score and is left out
        // AUC: 0.9 beats 3 negatives, 0.4 beats 2, 0.7 beats 3 -> 8/9
        assertThat(s.linkAuc()).isCloseTo(8.0 / 9, within(1e-9));
        // ranked 0.9+ 0.7+ 0.6- 0.4+ 0.2- 0.1-: precision at the positives 1, 1, 3/4
        assertThat(s.linkAp()).isCloseTo((1 + 1 + 0.75) / 3, within(1e-9));
        // signs: (+,0.8) (-,0.3) (+,0.4): both positives above the negative -> AUC 1
        assertThat(s.signAuc()).isCloseTo(1.0, within(1e-9));
        // at 0.5: + class tp 1 fp 0 fn 1 -> 2/3; - class tp 1 fp 1 fn 0 -> 2/3
        assertThat(s.signMacroF1()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(s.windowEvents()).isEqualTo(4);
        assertThat(s.linkPairs()).isEqualTo(3);
        assertThat(s.signedEvents()).isEqualTo(3);
        assertThat(s.totalEvents()).isEqualTo(4);
    }

    @Test
    void shouldForgetTheOldestEventOnceTheWindowIsFull() {
        LiveQuality q = window4();
        firstFour(q);
        q.record(0.3f, 0.8f, -1, 0.6f);
        LiveQuality.Snapshot s = q.snapshot();
        // the first event is gone: pairs (0.4,0.6) (0.7,0.2) (0.3,0.8)
        // AUC: 0.4 beats 1, 0.7 beats 2, 0.3 beats 1 -> 4/9
        assertThat(s.linkAuc()).isCloseTo(4.0 / 9, within(1e-9));
        // ranked 0.8- 0.7+ 0.6- 0.4+ 0.3+ 0.2-: precision 1/2, 2/4, 3/5
        assertThat(s.linkAp()).isCloseTo((0.5 + 0.5 + 0.6) / 3, within(1e-9));
        // signs (-,0.3) (+,0.4) (-,0.6): the positive beats one of two negatives
        assertThat(s.signAuc()).isCloseTo(0.5, within(1e-9));
        // at 0.5: + class tp 0 fp 1 fn 1 -> 0; - class tp 1 fp 1 fn 1 -> 1/2
        assertThat(s.signMacroF1()).isCloseTo(0.25, within(1e-9));
        assertThat(s.windowEvents()).isEqualTo(4);
        assertThat(s.totalEvents()).isEqualTo(5);
    }

    @Test
    void shouldCountTiesAsHalfAndOneThreshold() {
        LiveQuality q = window4();
        q.record(0.5f, 0.5f, 0, NAN);
        LiveQuality.Snapshot s = q.snapshot();
        assertThat(s.linkAuc()).isEqualTo(0.5);
        // one threshold holding one positive and one negative: precision 1/2 at recall 1
        assertThat(s.linkAp()).isEqualTo(0.5);
        assertThat(s.signAuc()).isNaN();
        assertThat(s.signMacroF1()).isNaN();
    }

    @Test
    void shouldGiveNaNForAnEmptyWindowOrASingleSignClass() {
        LiveQuality q = window4();
        LiveQuality.Snapshot empty = q.snapshot();
        assertThat(empty.linkAp()).isNaN();
        assertThat(empty.linkAuc()).isNaN();
        assertThat(empty.signAuc()).isNaN();
        assertThat(empty.signMacroF1()).isNaN();
        assertThat(empty.windowEvents()).isZero();

        q.record(NAN, NAN, 1, 0.8f);
        q.record(NAN, 0.2f, 1, 0.6f);
        LiveQuality.Snapshot onlyPositive = q.snapshot();
        assertThat(onlyPositive.linkAuc()).isNaN();
        assertThat(onlyPositive.signAuc()).isNaN();
        // both predicted + and right: F1(+) = 1, F1(-) = 0 (no member, zero_division=0)
        assertThat(onlyPositive.signMacroF1()).isEqualTo(0.5);
        assertThat(onlyPositive.windowEvents()).isEqualTo(2);
        assertThat(onlyPositive.linkPairs()).isZero();
    }

    @Test
    void shouldServeTheCachedSnapshotUntilItExpires() {
        AtomicLong now = new AtomicLong(0);
        LiveQuality q = new LiveQuality(10, 1_000, now::get);
        q.record(0.9f, 0.1f, 0, NAN);
        assertThat(q.snapshot().linkAuc()).isEqualTo(1.0);
        q.record(0.1f, 0.9f, 0, NAN);
        now.set(999);
        assertThat(q.snapshot().linkAuc()).isEqualTo(1.0);
        assertThat(q.snapshot().windowEvents()).isEqualTo(1);
        now.set(1_000);
        // pairs (0.9,0.1) (0.1,0.9): 0.9 beats both negatives, 0.1 beats none -> 2/4
        assertThat(q.snapshot().linkAuc()).isEqualTo(0.5);
        assertThat(q.snapshot().windowEvents()).isEqualTo(2);
    }

    @Test
    void shouldPublishTheServedAndTheBaselineWindowsAsGaugesThroughTheStreamMetrics() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StreamMetrics metrics = new StreamMetrics(registry, new LiveQuality(4, 0, System::nanoTime),
                new LiveQuality(4, 0, System::nanoTime));
        metrics.quality(0.9f, 0.1f, 1, 0.8f);
        metrics.quality(0.4f, 0.6f, -1, 0.3f);
        metrics.quality(0.7f, 0.2f, 1, 0.4f);
        metrics.quality(NAN, 0.5f, 0, NAN);
        // the baseline's events: one pair ranked wrong, one signed event
        metrics.baselineQuality(0.2f, 0.6f, 1, 0.3f);
        metrics.baselineQuality(0.8f, 0.1f, 0, NAN);
        assertThat(gauge(registry, "linkcast_live_link_auc", "served")).isCloseTo(8.0 / 9, within(1e-9));
        assertThat(gauge(registry, "linkcast_live_link_ap", "served")).isCloseTo(2.75 / 3, within(1e-9));
        assertThat(gauge(registry, "linkcast_live_sign_auc", "served")).isEqualTo(1.0);
        assertThat(gauge(registry, "linkcast_live_sign_macro_f1", "served")).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(gauge(registry, "linkcast_live_window_events", "served")).isEqualTo(4.0);
        assertThat(gauge(registry, "linkcast_live_link_auc", "baseline")).isEqualTo(0.75);
        assertThat(gauge(registry, "linkcast_live_sign_auc", "baseline")).isNaN();
        assertThat(gauge(registry, "linkcast_live_window_events", "baseline")).isEqualTo(2.0);
    }

    private static double gauge(SimpleMeterRegistry registry, String name, String predictor) {
        return registry.get(name).tag("predictor", predictor).gauge().value();
    }

    @Test
    void shouldRefuseABadSignOrWindow() {
        LiveQuality q = window4();
        assertThatThrownBy(() -> q.record(0.5f, 0.5f, 2, 0.5f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 2");
        assertThatThrownBy(() -> new LiveQuality(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..10,000,000").hasMessageContaining("got 0");
    }
}
