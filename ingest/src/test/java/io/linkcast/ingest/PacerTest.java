package io.linkcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pacing arithmetic on a virtual clock that only moves when the pacer sleeps or the test says so. */
class PacerTest {
    private long now = 1_000;
    private final List<Long> sleeps = new ArrayList<>();

    private Pacer pacer(ReplayRate rate) {
        return new Pacer(rate, () -> now, nanos -> {
            sleeps.add(nanos);
            now += nanos;
        });
    }

    @Test
    void shouldReleaseEventIAtStartPlusIOverRate() throws InterruptedException {
        Pacer p = pacer(new ReplayRate(10)); // one event every 100 ms
        for (int i = 0; i < 5; i++) {
            p.await(i);
            assertThat(now).isEqualTo(1_000 + i * 100_000_000L);
        }
        assertThat(sleeps).containsExactly(100_000_000L, 100_000_000L, 100_000_000L, 100_000_000L);
    }

    @Test
    void shouldCatchUpAfterASlowMomentWithoutSleeping() throws InterruptedException {
        Pacer p = pacer(new ReplayRate(10));
        p.await(0);
        now += 350_000_000L; // the send of event 0 took 350 ms
        p.await(1);
        p.await(2);
        p.await(3);
        assertThat(sleeps).isEmpty();
        p.await(4); // due at 400 ms
        assertThat(sleeps).containsExactly(50_000_000L);
        assertThat(now).isEqualTo(1_000 + 400_000_000L);
    }

    @Test
    void shouldNeverWaitAtMaxRate() throws InterruptedException {
        Pacer p = new Pacer(ReplayRate.MAX, () -> {
            throw new AssertionError("an unlimited pacer has no need of the clock");
        }, nanos -> sleeps.add(nanos));
        for (int i = 0; i < 1000; i++) {
            p.await(i);
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void shouldParseRates() {
        assertThat(ReplayRate.parse("max")).isEqualTo(ReplayRate.MAX);
        assertThat(ReplayRate.parse(" MAX ").unlimited()).isTrue();
        assertThat(ReplayRate.parse("5000").eventsPerSecond()).isEqualTo(5000);
        assertThat(ReplayRate.parse("2.5e3").eventsPerSecond()).isEqualTo(2500);
        assertThat(ReplayRate.parse("0.5").eventsPerSecond()).isEqualTo(0.5);
        for (String bad : new String[] {"fast", "0", "-5", "NaN", "Infinity", "1e999", "0x10", "5d", ""}) {
            assertThatThrownBy(() -> ReplayRate.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rate must be a positive number of events per second or 'max', got '" + bad + "'");
        }
    }

    @Test
    void shouldSummariseARun() {
        ReplaySummary s = ReplaySummary.of(2_000, 410_000_000L);
        assertThat(s.events()).isEqualTo(2_000);
        assertThat(s.seconds()).isEqualTo(0.41);
        assertThat(s.eventsPerSecond()).isCloseTo(4878.05, org.assertj.core.api.Assertions.within(0.01));
        assertThat(s.format()).isEqualTo("replayed 2,000 events in 0.41 s (4,878 events/s)");
        assertThat(ReplaySummary.of(0, 0).eventsPerSecond()).isZero();
        assertThatThrownBy(() -> new ReplaySummary(-1, 0, 0)).hasMessage("events must be >= 0, got -1");
    }
}
